package io.tidb.cdc.worker.schema;

import static io.tidb.cdc.worker.schema.Fixtures.column;
import static io.tidb.cdc.worker.schema.Fixtures.db;
import static io.tidb.cdc.worker.schema.Fixtures.intPkTable;
import static io.tidb.cdc.worker.schema.Fixtures.partitioned;
import static io.tidb.cdc.worker.schema.Fixtures.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.key.MetaKeys;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnapshotLoaderTest {
  private final InMemoryMetaReader kv = new InMemoryMetaReader();
  private final TidbMeta meta = new TidbMeta(kv);

  private static TableInfo orders() {
    return intPkTable(70, "Orders", column(2, "note", 1, varchar(64, "utf8mb4_bin")));
  }

  @Test
  void readsDatabasesAndTablesAtTheTs() throws Exception {
    meta.createDatabase(db(2, "app"), 10)
        .createDatabase(db(3, "Shop"), 11)
        .createTable(2, intPkTable(60, "users"), 12)
        .createTable(3, orders(), 13)
        .createTable(3, intPkTable(71, "later"), 50);

    SchemaSnapshot s = SnapshotLoader.load(kv, 20);

    assertThat(s.ts()).isEqualTo(20);
    assertThat(s.schemaVersion()).isEqualTo(4);
    assertThat(s.databases()).extracting(d -> d.name().original()).containsExactly("app", "Shop");
    assertThat(s.tableCount()).isEqualTo(2);
    assertThat(s.table(70)).get().extracting(TableDef::qualifiedName).isEqualTo("Shop.Orders");
    assertThat(s.table("shop", "ORDERS")).get().extracting(TableDef::id).isEqualTo(70L);
    assertThat(s.physicalTable(60)).get().extracting(TableDef::schemaName).isEqualTo("app");
    assertThat(s.table(71)).isEmpty();
    assertThat(s.tablesIn(3)).extracting(TableDef::id).containsExactly(70L);
    // The TID:{id} auto-ID counters next to the tables are not tables.
    assertThat(kv.scan(SnapshotLoaderTest.span(MetaKeys.databaseEntriesSpan(3)), 20)).hasSize(2);
  }

  @Test
  void aDroppedTableIsGoneAfterItsDropTs() throws Exception {
    meta.createDatabase(db(2, "app"), 10)
        .createTable(2, intPkTable(60, "users"), 12)
        .dropTable(2, 60, 30);

    assertThat(SnapshotLoader.load(kv, 29).table(60)).isPresent();
    SchemaSnapshot after = SnapshotLoader.load(kv, 30);
    assertThat(after.table(60)).isEmpty();
    assertThat(after.schemaVersion()).isEqualTo(3);
  }

  @Test
  void aVersionWithoutItsDiffIsNotCountedYet() throws Exception {
    meta.createDatabase(db(2, "app"), 10).bumpVersionWithoutDiff(15);

    assertThat(SnapshotLoader.load(kv, 14).schemaVersion()).isEqualTo(1);
    // TiDB has bumped the version for a job that has not committed its diff: still version 1.
    assertThat(SnapshotLoader.load(kv, 16).schemaVersion()).isEqualTo(1);
  }

  @Test
  void anEmptyClusterHasVersionZero() throws Exception {
    SchemaSnapshot s = SnapshotLoader.load(kv, 5);
    assertThat(s.schemaVersion()).isZero();
    assertThat(s.databases()).isEmpty();
  }

  @Test
  void partitionsMapToTheirTable() throws Exception {
    meta.createDatabase(db(2, "app"), 10)
        .createTable(2, partitioned(intPkTable(80, "events"), 81, 82), 11);

    SchemaSnapshot s = SnapshotLoader.load(kv, 20);

    assertThat(s.physicalTable(81)).get().extracting(TableDef::id).isEqualTo(80L);
    assertThat(s.physicalTable(82)).get().extracting(TableDef::id).isEqualTo(80L);
    // Rows of a partitioned table never live under the logical ID.
    assertThat(s.physicalTable(80)).isEmpty();
    assertThat(s.table(80).orElseThrow().physicalTableIds()).containsExactly(81L, 82L);
  }

  @Test
  void corruptTableJsonNamesTheKey() {
    meta.createDatabase(db(2, "app"), 10);
    byte[] key = MetaKeys.tableKey(2, 60);
    kv.put(key, "{not json".getBytes(StandardCharsets.UTF_8), 11);

    assertThatThrownBy(() -> SnapshotLoader.load(kv, 20))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining(java.util.HexFormat.of().formatHex(key))
        .hasMessageContaining("no valid table info");
  }

  @Test
  void aTableOfAnUnknownDatabaseIsNotRead() throws Exception {
    meta.createDatabase(db(2, "app"), 10);
    kv.put(
        MetaKeys.tableKey(9, 61),
        io.tidb.cdc.tidb.meta.MetaJson.write(intPkTable(61, "orphan")),
        11);

    assertThat(SnapshotLoader.load(kv, 20).table(61)).isEmpty();
  }

  static io.tidb.cdc.worker.event.KeySpan span(io.tidb.cdc.tidb.key.KeySpan s) {
    return io.tidb.cdc.worker.event.KeySpan.of(
        io.tidb.cdc.worker.event.Bytes.copyOf(s.start()),
        io.tidb.cdc.worker.event.Bytes.copyOf(s.end()));
  }
}
