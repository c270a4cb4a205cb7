package io.tidb.cdc.sim.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.sim.catalog.SystemTables;
import io.tidb.cdc.sim.dump.TableDump;
import io.tidb.cdc.sim.txn.MvccKvStore;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.MysqlType;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqlEngineTest {
  private MvccKvStore store;
  private SqlEngine engine;

  @BeforeEach
  void start() {
    store = MvccKvStore.inMemory();
    engine = SqlEngine.start(store);
  }

  private ScriptResult run(String sql) {
    return engine.execute(sql);
  }

  private TableInfo table(String db, String name) {
    return engine.schema().table(db, name).orElseThrow();
  }

  private List<ObjectNode> rows(String db, String table) {
    return TableDump.rows(store, db, table, store.timestamp());
  }

  @Test
  void bootstrapWritesTidbsSystemSchemaAndTheTestDatabase() {
    Meta meta = new Meta(Txn.begin(store));
    DBInfo mysql =
        meta.listDatabases().stream()
            .filter(d -> d.name().lower().equals("mysql"))
            .findFirst()
            .orElseThrow();
    assertThat(mysql.id()).as("mysql takes the first global ID").isEqualTo(1);
    TableInfo jobs = meta.table(1, (1L << 48) - 2).orElseThrow();
    assertThat(jobs.name().original()).isEqualTo("tidb_ddl_job");
    assertThat(jobs.pkIsHandle()).isTrue();
    assertThat(jobs.columns())
        .extracting(c -> c.name().original())
        .containsExactly(
            "job_id", "reorg", "schema_ids", "table_ids", "job_meta", "type", "processing");
    assertThat(jobs.columns().get(4).type().tp()).isEqualTo(MysqlType.LONG_BLOB);
    assertThat(jobs.columns().get(2).type().tp())
        .as("text(65535) in utf8mb4 needs a MEDIUMTEXT, as adjustBlobTypesFlen decides")
        .isEqualTo(MysqlType.MEDIUM_BLOB);
    assertThat(meta.table(1, SystemTables.HISTORY_TABLE_ID)).isPresent();
    assertThat(engine.schema().database("test")).isPresent();
  }

  @Test
  void createTableBuildsTidbTableInfo() {
    run("CREATE DATABASE d; CREATE TABLE d.t (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " name varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL, price decimal(8,3) DEFAULT 1.5,"
            + " ts datetime(3), kind enum('a','bb'), UNIQUE KEY uk (name), KEY k2 (price, kind))")
        .orThrow();
    TableInfo t = table("d", "t");
    assertThat(t.pkIsHandle()).isTrue();
    assertThat(t.isCommonHandle()).isFalse();
    assertThat(t.columns()).extracting(ColumnInfo::id).containsExactly(1L, 2L, 3L, 4L, 5L);
    ColumnInfo id = t.columns().get(0);
    assertThat(id.type().tp()).isEqualTo(MysqlType.LONG);
    assertThat(id.type().flag())
        .isEqualTo(
            ColumnFlag.NOT_NULL
                | ColumnFlag.PRI_KEY
                | ColumnFlag.UNSIGNED
                | ColumnFlag.AUTO_INCREMENT);
    ColumnInfo name = t.columns().get(1);
    assertThat(name.type().collate()).isEqualTo("utf8mb4_general_ci");
    assertThat(name.type().flag())
        .isEqualTo(ColumnFlag.NOT_NULL | ColumnFlag.UNIQUE_KEY | ColumnFlag.NO_DEFAULT_VALUE);
    ColumnInfo price = t.columns().get(2);
    assertThat(price.type().flen()).isEqualTo(8);
    assertThat(price.type().decimal()).isEqualTo(3);
    assertThat(price.defaultValue()).isEqualTo("1.500");
    assertThat(price.type().flag()).isEqualTo(ColumnFlag.MULTIPLE_KEY);
    assertThat(t.columns().get(3).type().flen()).isEqualTo(23);
    assertThat(t.columns().get(4).type().elems()).containsExactly("a", "bb");
    assertThat(t.indices())
        .extracting(i -> i.name().original() + ":" + i.id() + ":" + i.unique())
        .containsExactly("uk:1:true", "k2:2:false");
    assertThat(t.charset()).isEqualTo("utf8mb4");
    assertThat(t.collate()).isEqualTo("utf8mb4_bin");
  }

  @Test
  void primaryKeyKindsFollowTidbsClusteredIndexDefault() {
    run("CREATE DATABASE d; CREATE TABLE d.c (k varchar(10) PRIMARY KEY, v int);"
            + "CREATE TABLE d.n (k varchar(10), v int, PRIMARY KEY (k) NONCLUSTERED);"
            + "CREATE TABLE d.h (k varchar(10), v int, PRIMARY KEY (k) /*T![clustered_index] NONCLUSTERED */);"
            + "CREATE TABLE d.r (v int)")
        .orThrow();
    TableInfo clustered = table("d", "c");
    assertThat(clustered.isCommonHandle()).isTrue();
    assertThat(clustered.commonHandleVersion()).isEqualTo(1);
    assertThat(clustered.primaryIndex().map(IndexInfo::primary)).contains(true);
    assertThat(table("d", "n").isCommonHandle()).isFalse();
    assertThat(table("d", "n").primaryIndex()).isPresent();
    assertThat(table("d", "h").isCommonHandle())
        .as("TiDB executes /*T![clustered_index] ... */")
        .isFalse();
    assertThat(table("d", "r").pkIsHandle()).isFalse();
  }

  @Test
  void insertWritesTidbRecordAndIndexBytes() {
    run("CREATE DATABASE d; CREATE TABLE d.t (id int PRIMARY KEY, v varchar(10), UNIQUE KEY uv (v));"
            + "INSERT INTO d.t VALUES (1, 'ab')")
        .orThrow();
    long tid = table("d", "t").id();
    String tablePrefix = "74" + HexFormat.of().formatHex(encodeInt(tid));
    // record key t{id}_r{EncodeInt(1)}; value: row v2 with column 2 only (id is the handle)
    String recordKey = tablePrefix + "5f72" + "8000000000000001";
    assertThat(hex(get(recordKey)))
        .isEqualTo("80" + "00" + "0100" + "0000" + "02" + "0200" + "6162");
    // unique index: t{id}_i{1} + bytes flag + EncodeBytes("ab"); value: the handle, big-endian
    String indexKey = tablePrefix + "5f69" + "8000000000000001" + "01" + "6162000000000000f9";
    assertThat(hex(get(indexKey))).isEqualTo("0000000000000001");
  }

  @Test
  void clusteredTablesKeepKeyColumnsTidbCannotRebuildInTheRow() {
    run("CREATE DATABASE d; CREATE TABLE d.c (a int, b varchar(8), v int, PRIMARY KEY (a, b), KEY kv (v));"
            + "INSERT INTO d.c VALUES (7, 'x ', 3)")
        .orThrow();
    long tid = table("d", "c").id();
    String tablePrefix = "74" + HexFormat.of().formatHex(encodeInt(tid));
    // common handle: EncodeKey(int 7) EncodeKey(sort key of 'x ' under utf8mb4_bin = 'x')
    String handle = "03" + "8000000000000007" + "01" + "7800000000000000f8";
    // a (int, rebuilt from the key) is skipped; b needs restored data, so it is stored: ids 2, 3
    assertThat(hex(get(tablePrefix + "5f72" + handle)))
        .isEqualTo("80" + "00" + "0200" + "0000" + "0203" + "0200" + "0300" + "7820" + "03");
    // non-unique index on a clustered table: value = tail length 0, version flag 125, version 1
    // the clustered primary key is index 1 (no entries of its own), kv is index 2
    String indexKey =
        tablePrefix + "5f69" + "8000000000000002" + "03" + "8000000000000003" + handle;
    assertThat(hex(get(indexKey))).isEqualTo("007d01");
    assertThat(rows("d", "c"))
        .extracting(Object::toString)
        .containsExactly("{\"a\":7,\"b\":\"x \",\"v\":3}");
  }

  @Test
  void dmlUpdatesDeletesAndReplacesByKey() {
    run("CREATE DATABASE d; CREATE TABLE d.t (id bigint PRIMARY KEY, u varchar(10), n int, UNIQUE KEY uu (u));"
            + "INSERT INTO d.t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30);"
            + "UPDATE d.t SET n = n + 5, u = 'aa' WHERE id = 1;"
            + "UPDATE d.t SET n = 0 WHERE u IN ('b', 'zz');"
            + "DELETE FROM d.t WHERE id = 3 OR id = 99;"
            + "REPLACE INTO d.t VALUES (4, 'b', 40)")
        .orThrow();
    assertThat(rows("d", "t"))
        .extracting(Object::toString)
        .containsExactly("{\"id\":1,\"u\":\"aa\",\"n\":15}", "{\"id\":4,\"u\":\"b\",\"n\":40}");
  }

  @Test
  void autoIncrementAndRowIdsComeFromTheTableCounter() {
    run("CREATE DATABASE d; CREATE TABLE d.a (id int PRIMARY KEY AUTO_INCREMENT, v int);"
            + "CREATE TABLE d.r (v int); INSERT INTO d.a (v) VALUES (1), (2); INSERT INTO d.a VALUES (100, 3);"
            + "INSERT INTO d.a (v) VALUES (4); INSERT INTO d.r VALUES (7), (8)")
        .orThrow();
    assertThat(rows("d", "a"))
        .extracting(r -> r.get("id").asLong())
        .containsExactly(1L, 2L, 100L, 101L);
    TableInfo r = table("d", "r");
    Meta meta = new Meta(Txn.begin(store));
    long dbId = engine.schema().database("d").orElseThrow().info().id();
    assertThat(meta.autoTableId(dbId, r.id())).as("TID reserves a batch").isEqualTo(30_000);
    String prefix = "74" + HexFormat.of().formatHex(encodeInt(r.id())) + "5f72";
    assertThat(get(prefix + "8000000000000001")).isNotNull();
    assertThat(get(prefix + "8000000000000002")).isNotNull();
  }

  @Test
  void failedStatementsChangeNothingAndStopTheScript() {
    run("CREATE DATABASE d; CREATE TABLE d.t (id int PRIMARY KEY, u varchar(10), UNIQUE KEY uu (u));"
            + "INSERT INTO d.t VALUES (1, 'a')")
        .orThrow();
    long version = engine.schema().version();

    ScriptResult txn =
        run(
            "BEGIN; INSERT INTO d.t VALUES (2, 'b'); INSERT INTO d.t VALUES (3, 'a'); COMMIT; INSERT INTO d.t VALUES (9, 'z')");
    assertThat(txn.ok()).isFalse();
    assertThat(txn.error().orElseThrow().index()).isEqualTo(2);
    assertThat(txn.error().orElseThrow().message())
        .contains("Duplicate entry 'a' for key 't.uu'")
        .contains("rolled back");

    ScriptResult unknown = run("INSERT INTO d.nope VALUES (1)");
    assertThat(unknown.error().orElseThrow().message())
        .contains("d.nope")
        .contains("doesn't exist");
    ScriptResult syntax = run("INSERT INTO d.t VALUES (4, 'x'); INSRT INTO d.t VALUES (5)");
    assertThat(syntax.error().orElseThrow().index()).isEqualTo(1);
    assertThat(syntax.error().orElseThrow().message()).startsWith("syntax error");
    assertThat(run("SELECT * FROM d.t").error().orElseThrow().message())
        .contains("unsupported statement");
    assertThat(
            run("INSERT INTO d.t VALUES (6, 'this is too long')").error().orElseThrow().message())
        .contains("data too long");
    assertThat(run("UPDATE d.t SET u = 'q' WHERE u LIKE 'a%'").error().orElseThrow().message())
        .contains("unsupported WHERE");
    assertThat(run("BEGIN; INSERT INTO d.t VALUES (7, 'y')").error().orElseThrow().message())
        .contains("BEGIN without COMMIT");

    assertThat(rows("d", "t")).extracting(r -> r.get("id").asInt()).containsExactly(1, 4);
    ScriptResult ddl =
        run(
            "CREATE TABLE d.t (x int); ALTER TABLE d.t ADD UNIQUE INDEX ux (id, u); ALTER TABLE d.t DROP COLUMN nope");
    assertThat(ddl.error().orElseThrow().message()).contains("already exists");
    assertThat(run("INSERT INTO d.t VALUES (8, 'a ')").error().orElseThrow().message())
        .contains("Duplicate entry");
    assertThat(run("ALTER TABLE d.t DROP COLUMN nope").error().orElseThrow().message())
        .contains("check that it exists");
    assertThat(engine.schema().version())
        .as("failed DDL leaves the schema version")
        .isEqualTo(version);
  }

  @Test
  void createDatabaseTakesCharsetOptionsAndTablesInheritThem() {
    run("CREATE DATABASE IF NOT EXISTS `Db2` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;"
            + "CREATE TABLE db2.t (id int PRIMARY KEY, s varchar(4))")
        .orThrow();
    DBInfo db = engine.schema().database("DB2").orElseThrow().info();
    assertThat(db.name().original()).isEqualTo("Db2");
    assertThat(db.collate()).isEqualTo("utf8mb4_general_ci");
    assertThat(table("db2", "t").columns().get(1).type().collate()).isEqualTo("utf8mb4_general_ci");
    assertThat(run("CREATE DATABASE x CHARACTER SET nope").error().orElseThrow().message())
        .contains("unknown character set 'nope'");
  }

  @Test
  void ifExistsVariantsAreNoOps() {
    ScriptResult r =
        run(
            "CREATE DATABASE IF NOT EXISTS test; DROP TABLE IF EXISTS test.none; DROP DATABASE IF EXISTS none");
    assertThat(r.ok()).isTrue();
    assertThat(r.results()).allSatisfy(s -> assertThat(s.commitTs()).isNull());
  }

  @Test
  void useSetsTheDefaultDatabaseAndDdlReportsJobs() {
    ScriptResult r =
        run("CREATE DATABASE d; USE d; CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)")
            .orThrow();
    StatementResult create = r.results().get(2);
    assertThat(create.jobId()).isNotNull();
    assertThat(create.commitTs()).isPositive();
    assertThat(r.results().get(3).rowsAffected()).isEqualTo(1);
  }

  @Test
  void aNewEngineOverTheSameStoreContinuesWhereTheLastStopped() {
    run("CREATE DATABASE d; CREATE TABLE d.a (id int PRIMARY KEY AUTO_INCREMENT, v int); INSERT INTO d.a (v) VALUES (1)")
        .orThrow();
    SqlEngine again = SqlEngine.start(store);
    assertThat(again.schema().table("d", "a")).isPresent();
    again.execute("INSERT INTO d.a (v) VALUES (2)").orThrow();
    assertThat(rows("d", "a"))
        .extracting(r -> r.get("id").asLong())
        .as("the new engine reserves the next batch, as another TiDB server would")
        .containsExactly(1L, 30_001L);
    assertThat(engine.execute("INSERT INTO d.a (v) VALUES (3)").ok()).isTrue();
  }

  private byte[] get(String hexKey) {
    return store
        .get(ByteString.copyFrom(HexFormat.of().parseHex(hexKey)), store.timestamp())
        .map(ByteString::toByteArray)
        .orElse(null);
  }

  private static String hex(byte[] b) {
    return b == null ? "<absent>" : HexFormat.of().formatHex(b);
  }

  private static byte[] encodeInt(long v) {
    long u = v ^ Long.MIN_VALUE;
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (u >>> (56 - 8 * i));
    }
    return out;
  }
}
