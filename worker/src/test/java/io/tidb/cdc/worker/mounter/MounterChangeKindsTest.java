package io.tidb.cdc.worker.mounter;

import static io.tidb.cdc.worker.mounter.Changes.i;
import static io.tidb.cdc.worker.mounter.Changes.row;
import static io.tidb.cdc.worker.mounter.Changes.rowV2;
import static io.tidb.cdc.worker.mounter.Changes.s;
import static io.tidb.cdc.worker.schema.Fixtures.column;
import static io.tidb.cdc.worker.schema.Fixtures.db;
import static io.tidb.cdc.worker.schema.Fixtures.intPkTable;
import static io.tidb.cdc.worker.schema.Fixtures.intType;
import static io.tidb.cdc.worker.schema.Fixtures.pk;
import static io.tidb.cdc.worker.schema.Fixtures.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.row.DatumMapping;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.schema.Fixtures;
import io.tidb.cdc.worker.schema.SchemaSnapshot;
import io.tidb.cdc.worker.schema.SchemaStorage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Insert, update, delete and upsert; int handles and clustered (common) handles. */
class MounterChangeKindsTest {
  private static final long USERS = 60;
  private static final long CLUSTERED = 70;
  private static final long CLUSTERED_CI = 71;

  private static final TableInfo USERS_INFO =
      intPkTable(USERS, "users", column(2, "name", 1, varchar(32, "utf8mb4_bin")));

  private static final FieldType DATETIME = FieldType.of(MysqlType.DATETIME).withLength(19, 0);

  /** PRIMARY KEY (a, b) CLUSTERED with b a DATETIME: both restorable from the key. */
  private static TableInfo clustered(long id, String name, FieldType bType) {
    List<ColumnInfo> cols =
        List.of(
            column(1, "a", 0, pk(intType())),
            column(2, "b", 1, pk(bType)),
            column(3, "note", 2, varchar(16, "utf8mb4_bin")));
    return TableInfo.builder(id, name)
        .columns(cols)
        .indices(
            List.of(Fixtures.index(1, "PRIMARY", name, cols, IndexInfo.IndexKind.PRIMARY, 0, 1)))
        .commonHandle()
        .build();
  }

  private static final SchemaStorage SCHEMA =
      new SchemaStorage(
          SchemaSnapshot.of(
              100,
              1,
              List.of(db(2, "app")),
              Map.of(
                  2L,
                  List.of(
                      USERS_INFO,
                      clustered(CLUSTERED, "events", DATETIME),
                      clustered(CLUSTERED_CI, "tags", varchar(20, "utf8mb4_general_ci"))))));

  static {
    SCHEMA.advanceResolvedTs(10_000); // no DDL will follow
  }

  private final Mounter withOldValues = new Mounter(SCHEMA, MounterConfig.defaults());
  private final Mounter withoutOldValues =
      new Mounter(
          SCHEMA,
          new MounterConfig(OldValueMode.WITHOUT_OLD_VALUE, MounterConfig.IneligibleTables.SKIP));

  @Test
  void aPutWithoutOldValueIsAnInsertOrAnUpsert() throws Exception {
    var event = Changes.insert(USERS, 7, rowV2(2, s("ann")), 150);

    RowChange insert = row(withOldValues.mount(event));
    assertThat(insert.type()).isEqualTo(RowChangeType.INSERT);
    assertThat(insert.preImage()).isEqualTo(PreImage.NONE);
    assertThat(insert.preColumns()).isEmpty();
    assertThat(insert.columns()).extracting(Column::value).containsExactly(i(7), s("ann"));
    assertThat(insert.handle()).isEqualTo(new Handle.IntHandle(7));
    assertThat(insert.commitTs()).isEqualTo(150);
    assertThat(insert.startTs()).isEqualTo(145);
    assertThat(insert.schemaName() + "." + insert.tableName()).isEqualTo("app.users");

    assertThat(row(withoutOldValues.mount(event)).type()).isEqualTo(RowChangeType.UPSERT);
  }

  @Test
  void aPutWithOldValueIsAnUpdateWithBothImages() throws Exception {
    var event =
        Changes.put(TableKeys.recordKey(USERS, 7), rowV2(2, s("bob")), rowV2(2, s("ann")), 150);

    RowChange update = row(withOldValues.mount(event));

    assertThat(update.type()).isEqualTo(RowChangeType.UPDATE);
    assertThat(update.preImage()).isEqualTo(PreImage.FULL);
    assertThat(update.preColumns()).extracting(Column::value).containsExactly(i(7), s("ann"));
    assertThat(update.columns()).extracting(Column::value).containsExactly(i(7), s("bob"));
  }

  @Test
  void aDeleteWithOldValueCarriesTheWholeRow() throws Exception {
    RowChange delete =
        row(
            withOldValues.mount(
                Changes.delete(TableKeys.recordKey(USERS, 7), rowV2(2, s("ann")), 150)));

    assertThat(delete.type()).isEqualTo(RowChangeType.DELETE);
    assertThat(delete.preImage()).isEqualTo(PreImage.FULL);
    assertThat(delete.columns()).isEmpty();
    assertThat(delete.preColumns()).extracting(Column::value).containsExactly(i(7), s("ann"));
  }

  @Test
  void aDeleteWithoutOldValueCarriesTheIntPrimaryKeyFromTheKey() throws Exception {
    RowChange delete =
        row(
            withoutOldValues.mount(
                Changes.delete(TableKeys.recordKey(USERS, -3), new byte[0], 150)));

    assertThat(delete.preImage()).isEqualTo(PreImage.KEY_COLUMNS);
    assertThat(delete.preColumns()).extracting(Column::name).containsExactly("id");
    assertThat(delete.preColumns()).extracting(Column::value).containsExactly(i(-3));
  }

  @Test
  void clusteredKeysRestoreTheirColumns() throws Exception {
    ColumnValue.Time when =
        new ColumnValue.Time(new MysqlTime(2024, 5, 6, 7, 8, 9, 0), MysqlType.DATETIME, 0);
    Handle handle =
        Handle.CommonHandle.of(DatumMapping.toKeyDatum(i(5)), DatumMapping.toKeyDatum(when));
    byte[] key = Changes.key(CLUSTERED, handle);

    RowChange insert =
        row(
            withOldValues.mount(
                Changes.put(key, rowV2(1, i(5), 2, when, 3, s("n")), new byte[0], 150)));
    assertThat(insert.columns()).extracting(Column::value).containsExactly(i(5), when, s("n"));
    assertThat(insert.handle()).isEqualTo(handle);

    RowChange keyOnly = row(withoutOldValues.mount(Changes.delete(key, new byte[0], 160)));
    assertThat(keyOnly.preColumns()).extracting(Column::name).containsExactly("a", "b");
    assertThat(keyOnly.preColumns()).extracting(Column::value).containsExactly(i(5), when);

    RowChange full =
        row(withOldValues.mount(Changes.delete(key, rowV2(1, i(5), 2, when, 3, s("n")), 170)));
    assertThat(full.preColumns()).extracting(Column::value).containsExactly(i(5), when, s("n"));
  }

  @Test
  void aCaseInsensitiveStringInAClusteredKeyIsNotGuessed() throws Exception {
    // Under utf8mb4_general_ci the key holds a collation sort key, not the text.
    Handle handle =
        Handle.CommonHandle.of(
            DatumMapping.toKeyDatum(i(5)),
            DatumMapping.toKeyDatum(new ColumnValue.Bytes(new byte[] {0x00, 0x41})));
    byte[] key = Changes.key(CLUSTERED_CI, handle);

    RowChange keyOnly = row(withoutOldValues.mount(Changes.delete(key, new byte[0], 160)));

    assertThat(keyOnly.preColumns()).extracting(Column::name).containsExactly("a");
    // With the old value the text is there.
    RowChange full =
        row(withOldValues.mount(Changes.delete(key, rowV2(1, i(5), 2, s("Abc")), 170)));
    assertThat(full.preColumn("b").orElseThrow().value()).isEqualTo(s("Abc"));
    assertThat(full.preColumn("note").orElseThrow().isNull()).isTrue();
  }
}
