package io.tidb.cdc.worker.schema;

import static io.tidb.cdc.worker.schema.Fixtures.column;
import static io.tidb.cdc.worker.schema.Fixtures.db;
import static io.tidb.cdc.worker.schema.Fixtures.index;
import static io.tidb.cdc.worker.schema.Fixtures.intPkTable;
import static io.tidb.cdc.worker.schema.Fixtures.intType;
import static io.tidb.cdc.worker.schema.Fixtures.notNull;
import static io.tidb.cdc.worker.schema.Fixtures.schemaJob;
import static io.tidb.cdc.worker.schema.Fixtures.tableJob;
import static io.tidb.cdc.worker.schema.Fixtures.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.Job;
import io.tidb.cdc.tidb.meta.MetaJson;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DDL sequences applied in order, with the schema checked at every ts in between. */
class SchemaStorageTest {
  private static final ColumnInfo NAME = column(2, "name", 1, varchar(32, "utf8mb4_bin"));

  private SchemaStorage storage;

  @BeforeEach
  void startFromMetaAtTs100() throws Exception {
    InMemoryMetaReader kv = new InMemoryMetaReader();
    new TidbMeta(kv)
        .createDatabase(db(2, "app"), 10)
        .createTable(2, intPkTable(60, "users", NAME), 20);
    storage = new SchemaStorage(SnapshotLoader.load(kv, 100));
    assertThat(storage.latest().schemaVersion()).isEqualTo(2);
  }

  private ApplyResult apply(Job job) {
    return storage.apply(DdlJob.of(job));
  }

  private static TableInfo users(long id, List<ColumnInfo> cols, List<IndexInfo> indices) {
    return TableInfo.builder(id, "users").columns(cols).indices(indices).pkIsHandle().build();
  }

  @Test
  void aSequenceOfTableDdlIsVisibleAtEachTs() {
    TableInfo orders = intPkTable(70, "orders");
    apply(tableJob(1, ActionType.CREATE_TABLE, 2, 70, orders, 3, 200));
    List<ColumnInfo> withAge = new ArrayList<>(intPkTable(60, "users", NAME).columns());
    withAge.add(column(3, "age", 2, intType()).withDefault("18"));
    apply(tableJob(2, ActionType.ADD_COLUMN, 2, 60, users(60, withAge, List.of()), 4, 300));
    TableInfo renamed = orders.toBuilder().name("orders_v2").build();
    apply(tableJob(3, ActionType.RENAME_TABLE, 2, 70, renamed, 5, 400));
    apply(tableJob(4, ActionType.TRUNCATE_TABLE, 2, 60, users(61, withAge, List.of()), 6, 500));
    apply(tableJob(5, ActionType.DROP_TABLE, 2, 70, null, 7, 600));

    assertThat(storage.schemaAt(199).table(70)).isEmpty();
    assertThat(storage.schemaAt(200).table("app", "orders")).isPresent();
    assertThat(storage.schemaAt(299).table(60).orElseThrow().columns()).hasSize(2);
    assertThat(storage.schemaAt(300).table(60).orElseThrow().columns())
        .extracting(ColumnDef::name)
        .containsExactly("id", "name", "age");
    assertThat(storage.schemaAt(399).table("app", "orders_v2")).isEmpty();
    SchemaSnapshot at400 = storage.schemaAt(400);
    assertThat(at400.table("app", "orders")).isEmpty();
    assertThat(at400.table("app", "orders_v2")).get().extracting(TableDef::id).isEqualTo(70L);
    SchemaSnapshot at500 = storage.schemaAt(500);
    assertThat(at500.physicalTable(60)).isEmpty();
    assertThat(at500.isTruncated(60)).isTrue();
    assertThat(at500.table("app", "users")).get().extracting(TableDef::id).isEqualTo(61L);
    assertThat(storage.schemaAt(499).isTruncated(60)).isFalse();
    assertThat(storage.schemaAt(600).table(70)).isEmpty();
    assertThat(storage.schemaAt(599).table(70)).isPresent();
    assertThat(storage.versionCount()).isEqualTo(6);
  }

  @Test
  void columnAndIndexChangesUpdateKeysAndAttributes() {
    List<ColumnInfo> cols =
        List.of(intPkTable(60, "users", NAME).columns().get(0), NAME.withDefault(null));
    // ADD UNIQUE INDEX on a nullable column: no NOT NULL unique key, the PK stays the handle key.
    IndexInfo uk = index(1, "uk_name", "users", cols, IndexInfo.IndexKind.UNIQUE, 1);
    apply(tableJob(1, ActionType.ADD_INDEX, 2, 60, users(60, cols, List.of(uk)), 3, 200));
    // MODIFY COLUMN name NOT NULL, then DROP INDEX.
    ColumnInfo notNullName = column(2, "name", 1, notNull(varchar(64, "utf8mb4_bin")));
    List<ColumnInfo> cols2 = List.of(cols.get(0), notNullName);
    apply(tableJob(2, ActionType.MODIFY_COLUMN, 2, 60, users(60, cols2, List.of(uk)), 4, 300));
    apply(tableJob(3, ActionType.DROP_INDEX, 2, 60, users(60, cols2, List.of()), 5, 400));
    apply(
        tableJob(
            4, ActionType.DROP_COLUMN, 2, 60, users(60, List.of(cols.get(0)), List.of()), 6, 500));

    assertThat(storage.schemaAt(200).table(60).orElseThrow().info().indices()).hasSize(1);
    TableDef at300 = storage.schemaAt(300).table(60).orElseThrow();
    assertThat(at300.column(2).orElseThrow().has(ColumnAttr.NULLABLE)).isFalse();
    assertThat(at300.column(2).orElseThrow().type().flen()).isEqualTo(64);
    assertThat(
            storage
                .schemaAt(299)
                .table(60)
                .orElseThrow()
                .column(2)
                .orElseThrow()
                .has(ColumnAttr.NULLABLE))
        .isTrue();
    assertThat(storage.schemaAt(400).table(60).orElseThrow().info().indices()).isEmpty();
    assertThat(storage.schemaAt(500).table(60).orElseThrow().columns())
        .extracting(ColumnDef::name)
        .containsExactly("id");
  }

  @Test
  void createAndDropSchemaTakeTheirTablesAlong() {
    apply(schemaJob(1, ActionType.CREATE_SCHEMA, db(3, "shop"), 3, 200));
    apply(tableJob(2, ActionType.CREATE_TABLE, 3, 90, intPkTable(90, "carts"), 4, 300));
    apply(schemaJob(3, ActionType.DROP_SCHEMA, db(3, "shop"), 5, 400));

    assertThat(storage.schemaAt(199).database("shop")).isEmpty();
    assertThat(storage.schemaAt(300).table("SHOP", "Carts")).isPresent();
    SchemaSnapshot at400 = storage.schemaAt(400);
    assertThat(at400.database(3)).isEmpty();
    assertThat(at400.table(90)).isEmpty();
    assertThat(at400.physicalTable(90)).isEmpty();
    assertThat(at400.table(60)).isPresent();
  }

  @Test
  void createTablesAndRenameTablesMoveSeveralTables() throws Exception {
    apply(schemaJob(1, ActionType.CREATE_SCHEMA, db(3, "archive"), 3, 150));
    apply(
        Fixtures.multiTableJob(
            2,
            ActionType.CREATE_TABLES,
            2,
            List.of(intPkTable(70, "a"), intPkTable(71, "b")),
            4,
            200));
    // RENAME TABLE app.a TO archive.a_old, app.b TO app.b2 (job version 1 arguments:
    // oldSchemaIDs, newSchemaIDs, newTableNames, tableIDs, oldSchemaNames, oldTableNames).
    Job rename =
        Fixtures.multiTableJob(
                3,
                ActionType.RENAME_TABLES,
                2,
                List.of(
                    intPkTable(70, "a").toBuilder().name("a_old").build(),
                    intPkTable(71, "b").toBuilder().name("b2").build()),
                5,
                300)
            .withRawArgs(
                MetaJson.mapper()
                    .readTree(
                        "[[2,2],[3,2],[{\"O\":\"a_old\",\"L\":\"a_old\"},{\"O\":\"b2\",\"L\":\"b2\"}],"
                            + "[70,71],[{\"O\":\"app\",\"L\":\"app\"},{\"O\":\"app\",\"L\":\"app\"}],"
                            + "[{\"O\":\"a\",\"L\":\"a\"},{\"O\":\"b\",\"L\":\"b\"}]]"));
    apply(rename);

    assertThat(storage.schemaAt(200).tablesIn(2))
        .extracting(TableDef::name)
        .containsExactly("users", "a", "b");
    SchemaSnapshot at300 = storage.schemaAt(300);
    assertThat(at300.table("archive", "a_old")).get().extracting(TableDef::schemaId).isEqualTo(3L);
    assertThat(at300.table("app", "b2")).isPresent();
    assertThat(at300.table("app", "a")).isEmpty();
  }

  @Test
  void renameTablesReadsJobVersion2Arguments() throws Exception {
    apply(schemaJob(1, ActionType.CREATE_SCHEMA, db(3, "archive"), 3, 150));
    Job rename =
        Fixtures.multiTableJob(
                2, ActionType.RENAME_TABLES, 2, List.of(intPkTable(60, "users", NAME)), 4, 200)
            .withRawArgs(
                MetaJson.mapper()
                    .readTree(
                        "{\"rename_table_infos\":[{\"old_schema_id\":2,\"new_schema_id\":3,"
                            + "\"table_id\":60,\"new_table_name\":{\"O\":\"users\",\"L\":\"users\"}}]}"));
    apply(rename);

    assertThat(storage.schemaAt(200).table("archive", "users")).isPresent();
    assertThat(storage.schemaAt(200).table("app", "users")).isEmpty();
  }

  @Test
  void schemaAboveTheResolvedTsIsNotKnownYet() {
    assertThat(storage.resolvedTs()).isEqualTo(100);
    assertThatThrownBy(() -> storage.schemaAt(150))
        .isInstanceOf(SchemaNotResolvedException.class)
        .hasMessageContaining("150")
        .hasMessageContaining("100");
    storage.advanceResolvedTs(150);
    assertThat(storage.schemaAt(150).ts()).isEqualTo(100);
    apply(tableJob(1, ActionType.CREATE_TABLE, 2, 70, intPkTable(70, "orders"), 3, 200));
    assertThat(storage.resolvedTs()).isEqualTo(200);
    assertThat(storage.schemaAt(200).table(70)).isPresent();
  }

  @Test
  void aJobSeenTwiceAppliesOnce() {
    Job create = tableJob(1, ActionType.CREATE_TABLE, 2, 70, intPkTable(70, "orders"), 3, 200);
    assertThat(apply(create)).isInstanceOf(ApplyResult.Applied.class);
    // The same CREATE TABLE again, as read from tidb_ddl_history with a later commit ts.
    ApplyResult again = storage.apply(new DdlJob(create, 250, DdlJob.Source.DDL_HISTORY_TABLE));
    assertThat(again).isInstanceOf(ApplyResult.Skipped.class);
    assertThat(((ApplyResult.Skipped) again).reason()).contains("already applied");
    assertThat(storage.versionCount()).isEqualTo(2);
  }

  @Test
  void aJobBelowTheResolvedTsIsRefused() {
    storage.advanceResolvedTs(300);
    assertThatThrownBy(
            () ->
                apply(
                    tableJob(1, ActionType.CREATE_TABLE, 2, 70, intPkTable(70, "orders"), 3, 200)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("resolved ts 300");
  }

  @Test
  void aJobOnAMissingTableNamesIt() {
    assertThatThrownBy(
            () -> apply(tableJob(1, ActionType.ADD_COLUMN, 2, 99, intPkTable(99, "ghost"), 3, 200)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("ADD_COLUMN")
        .hasMessageContaining("ghost")
        .hasMessageContaining("not in the schema");
    assertThatThrownBy(
            () ->
                apply(
                    tableJob(2, ActionType.CREATE_TABLE, 9, 70, intPkTable(70, "orders"), 3, 200)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("database 9 is not in the schema");
  }

  @Test
  void jobsThatChangeNoTableAreSkippedButAdvanceTheResolvedTs() throws Exception {
    Job policy = schemaJob(1, ActionType.CREATE_PLACEMENT_POLICY, db(2, "app"), 3, 200);
    ObjectNode noDb = MetaJson.mapper().valueToTree(policy);
    ((ObjectNode) noDb.get("binlog")).putNull("DBInfo");
    ApplyResult r = apply(MetaJson.mapper().treeToValue(noDb, Job.class));
    assertThat(r).isInstanceOf(ApplyResult.Skipped.class);
    assertThat(storage.resolvedTs()).isEqualTo(200);
    assertThat(storage.versionCount()).isEqualTo(1);

    ObjectNode unknown =
        MetaJson.mapper()
            .valueToTree(
                tableJob(2, ActionType.ADD_COLUMN, 2, 60, intPkTable(60, "users"), 4, 300));
    unknown.put("type", 250);
    ApplyResult u = apply(MetaJson.mapper().treeToValue(unknown, Job.class));
    assertThat(((ApplyResult.Skipped) u).reason()).contains("unknown DDL action type 250");
  }

  @Test
  void gcKeepsTheVersionInForceAtTheCheckpoint() {
    apply(tableJob(1, ActionType.CREATE_TABLE, 2, 70, intPkTable(70, "a"), 3, 200));
    apply(tableJob(2, ActionType.CREATE_TABLE, 2, 71, intPkTable(71, "b"), 4, 300));
    apply(tableJob(3, ActionType.CREATE_TABLE, 2, 72, intPkTable(72, "c"), 5, 400));

    assertThat(storage.gc(350)).isEqualTo(2);
    assertThat(storage.versionCount()).isEqualTo(2);
    assertThat(storage.schemaAt(350).table(71)).isPresent();
    assertThat(storage.schemaAt(300).table(72)).isEmpty();
    assertThatThrownBy(() -> storage.schemaAt(299))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("not kept")
        .hasMessageContaining("300");
  }

  @Test
  void createOrReplaceViewReplacesTheOldView() throws Exception {
    TableInfo v1 = viewInfo(75, "v");
    apply(tableJob(1, ActionType.CREATE_VIEW, 2, 75, v1, 3, 200));
    apply(tableJob(2, ActionType.CREATE_VIEW, 2, 76, viewInfo(76, "v"), 4, 300));
    apply(tableJob(3, ActionType.DROP_VIEW, 2, 76, null, 5, 400));

    assertThat(storage.schemaAt(200).table("app", "v").orElseThrow().isView()).isTrue();
    assertThat(storage.schemaAt(300).table("app", "v"))
        .get()
        .extracting(TableDef::id)
        .isEqualTo(76L);
    assertThat(storage.schemaAt(300).table(75)).isEmpty();
    assertThat(storage.schemaAt(400).table("app", "v")).isEmpty();
  }

  private static TableInfo viewInfo(long id, String name) throws Exception {
    return TableInfo.builder(id, name)
        .columns(List.of(column(1, "x", 0, intType())))
        .view(MetaJson.mapper().readTree("{\"view_select\":\"select 1 as x\"}"))
        .build();
  }
}
