package io.tidb.cdc.worker.schema;

import static io.tidb.cdc.worker.schema.Fixtures.db;
import static io.tidb.cdc.worker.schema.Fixtures.intPkTable;
import static io.tidb.cdc.worker.schema.Fixtures.partitioned;
import static io.tidb.cdc.worker.schema.Fixtures.tableJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partition DDL: the physical table IDs rows are written under change, the table stays. */
class PartitionDdlTest {
  private static final TableInfo EVENTS = intPkTable(80, "events");
  private SchemaStorage storage;

  @BeforeEach
  void start() {
    storage =
        new SchemaStorage(
            SchemaSnapshot.of(
                100,
                5,
                List.of(db(2, "app")),
                Map.of(2L, List.of(partitioned(EVENTS, 81, 82), intPkTable(90, "staging")))));
  }

  private void apply(ActionType action, TableInfo info, long version, long ts) {
    storage.apply(DdlJob.of(tableJob(version, action, 2, info.id(), info, version, ts)));
  }

  @Test
  void addDropAndTruncatePartitions() {
    apply(ActionType.ADD_TABLE_PARTITION, partitioned(EVENTS, 81, 82, 83), 6, 200);
    apply(ActionType.DROP_TABLE_PARTITION, partitioned(EVENTS, 82, 83), 7, 300);
    apply(ActionType.TRUNCATE_TABLE_PARTITION, partitioned(EVENTS, 84, 83), 8, 400);

    assertThat(storage.schemaAt(199).physicalTable(83)).isEmpty();
    assertThat(storage.schemaAt(200).physicalTable(83))
        .get()
        .extracting(TableDef::id)
        .isEqualTo(80L);
    SchemaSnapshot at300 = storage.schemaAt(300);
    assertThat(at300.physicalTable(81)).isEmpty();
    assertThat(at300.isTruncated(81)).isFalse();
    SchemaSnapshot at400 = storage.schemaAt(400);
    assertThat(at400.physicalTable(82)).isEmpty();
    assertThat(at400.isTruncated(82)).isTrue();
    assertThat(at400.physicalTable(84)).get().extracting(TableDef::name).isEqualTo("events");
    assertThat(at400.table(80).orElseThrow().physicalTableIds()).containsExactly(84L, 83L);
  }

  @Test
  void exchangePartitionSwapsIds() {
    // ALTER TABLE events EXCHANGE PARTITION p1 WITH TABLE staging: staging's rows (ID 90) become
    // partition p1, and the old p1 rows (ID 82) become table staging.
    apply(ActionType.EXCHANGE_TABLE_PARTITION, partitioned(EVENTS, 81, 90), 6, 200);

    SchemaSnapshot s = storage.schemaAt(200);
    assertThat(s.physicalTable(90)).get().extracting(TableDef::name).isEqualTo("events");
    assertThat(s.physicalTable(82)).get().extracting(TableDef::name).isEqualTo("staging");
    assertThat(s.table("app", "staging")).get().extracting(TableDef::id).isEqualTo(82L);
    assertThat(s.table(90)).isEmpty();
    assertThat(storage.schemaAt(199).physicalTable(90))
        .get()
        .extracting(TableDef::name)
        .isEqualTo("staging");
  }

  @Test
  void removePartitioningGivesTheTableANewId() {
    TableInfo plain = intPkTable(85, "events");
    storage.apply(DdlJob.of(tableJob(6, ActionType.REMOVE_PARTITIONING, 2, 80, plain, 6, 200)));

    SchemaSnapshot s = storage.schemaAt(200);
    assertThat(s.table("app", "events")).get().extracting(TableDef::id).isEqualTo(85L);
    assertThat(s.physicalTable(85)).isPresent();
    assertThat(s.isTruncated(81)).isTrue();
  }
}
