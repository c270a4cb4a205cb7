package io.tidb.cdc.sim.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.sim.sql.ScriptResult;
import io.tidb.cdc.sim.sql.SqlEngine;
import io.tidb.cdc.sim.txn.MvccKvStore;
import java.io.StringWriter;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableDumpTest {
  private MvccKvStore store;
  private SqlEngine engine;

  @BeforeEach
  void start() {
    store = MvccKvStore.inMemory();
    engine = SqlEngine.start(store);
  }

  @Test
  void dumpsEveryColumnTypeAsJsonLines() {
    engine
        .execute(
            "CREATE DATABASE d; CREATE TABLE d.t (id bigint unsigned PRIMARY KEY, ti tinyint, si smallint,"
                + " mi mediumint unsigned, i int, f float, db double, dec decimal(12,4), ch char(4), vc varchar(10),"
                + " tx text, bn binary(3), vb varbinary(4), bl blob, dt date, dtm datetime(2), ts timestamp(6) NULL,"
                + " tm time(1), y year, e enum('x','y'), s set('p','q','r'), bt bit(10), j json);"
                + "INSERT INTO d.t VALUES (18446744073709551615, -128, 32767, 16777215, -7, 1.5, -2.25, 12345678.9012,"
                + " 'ab  ', 'héllo', 'long text', x'0102', x'ff', x'00ff', '2024-02-29', '2024-01-02 03:04:05.678',"
                + " '1999-12-31 23:59:59.999999', '-838:59:58.9', 69, 'y', 'r,p', b'1111111111', '{\"a\": [1, \"b\", null]}'),"
                + " (1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL, NULL, NULL, NULL, NULL)")
        .orThrow();
    StringWriter out = new StringWriter();
    long n = TableDump.write(store, "d", "t", store.timestamp(), out);
    assertThat(n).isEqualTo(2);
    String[] lines = out.toString().split("\n");
    assertThat(lines[0])
        .as("the handle is the int64 of the unsigned key: 2^64-1 is -1 and sorts first")
        .isEqualTo(
            "{\"id\":18446744073709551615,\"ti\":-128,\"si\":32767,\"mi\":16777215,\"i\":-7,\"f\":1.5,\"db\":-2.25,"
                + "\"dec\":\"12345678.9012\",\"ch\":\"ab\",\"vc\":\"héllo\",\"tx\":\"long text\",\"bn\":\"AQIA\","
                + "\"vb\":\"/w==\",\"bl\":\"AP8=\",\"dt\":\"2024-02-29\",\"dtm\":\"2024-01-02 03:04:05.68\","
                + "\"ts\":\"1999-12-31 23:59:59.999999\",\"tm\":\"-838:59:58.9\",\"y\":2069,\"e\":\"y\",\"s\":\"p,r\","
                + "\"bt\":1023,\"j\":{\"a\":[1,\"b\",null]}}");
    assertThat(lines[1])
        .isEqualTo(
            "{\"id\":1,\"ti\":null,\"si\":null,\"mi\":null,\"i\":null,\"f\":null,\"db\":null,\"dec\":null,\"ch\":null,"
                + "\"vc\":null,\"tx\":null,\"bn\":null,\"vb\":null,\"bl\":null,\"dt\":null,\"dtm\":null,\"ts\":null,"
                + "\"tm\":null,\"y\":null,\"e\":null,\"s\":null,\"bt\":null,\"j\":null}");
  }

  @Test
  void dumpsTheStateAtTheGivenTimestamp() {
    long before = store.timestamp();
    ScriptResult first =
        engine
            .execute(
                "CREATE DATABASE d; CREATE TABLE d.t (id int PRIMARY KEY, v varchar(5)); INSERT INTO d.t VALUES (1, 'a'), (2, 'b')")
            .orThrow();
    long afterInsert = first.lastCommitTs().orElseThrow();
    engine
        .execute(
            "UPDATE d.t SET v = 'z' WHERE id = 1; DELETE FROM d.t WHERE id = 2; ALTER TABLE d.t ADD COLUMN n int DEFAULT 42;"
                + " INSERT INTO d.t (id, v, n) VALUES (3, 'c', 7)")
        .orThrow();
    assertThat(TableDump.rows(store, "d", "t", afterInsert))
        .extracting(Object::toString)
        .containsExactly("{\"id\":1,\"v\":\"a\"}", "{\"id\":2,\"v\":\"b\"}");
    assertThat(TableDump.rows(store, "d", "t", store.timestamp()))
        .extracting(Object::toString)
        .as("rows written before ADD COLUMN read its origin default")
        .containsExactly("{\"id\":1,\"v\":\"z\",\"n\":42}", "{\"id\":3,\"v\":\"c\",\"n\":7}");
    assertThatThrownBy(() -> TableDump.rows(store, "d", "t", before))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("d.t");
  }

  @Test
  void dumpsClusteredAndRowIdTables() {
    engine
        .execute(
            "CREATE DATABASE d; CREATE TABLE d.c (a varchar(5), b int, v int, PRIMARY KEY (b, a));"
                + "CREATE TABLE d.r (v int, w varchar(3)); INSERT INTO d.c VALUES ('x', 2, 1), ('y', 1, 2);"
                + "INSERT INTO d.r VALUES (5, 'q'), (NULL, NULL)")
        .orThrow();
    assertThat(TableDump.rows(store, "d", "c", store.timestamp()))
        .extracting(Object::toString)
        .containsExactly("{\"a\":\"y\",\"b\":1,\"v\":2}", "{\"a\":\"x\",\"b\":2,\"v\":1}");
    assertThat(TableDump.rows(store, "d", "r", store.timestamp()))
        .extracting(Object::toString)
        .containsExactly("{\"v\":5,\"w\":\"q\"}", "{\"v\":null,\"w\":null}");
  }
}
