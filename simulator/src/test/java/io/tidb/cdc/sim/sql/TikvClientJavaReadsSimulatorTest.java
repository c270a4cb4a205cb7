package io.tidb.cdc.sim.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.txn.ClusterKvStore;
import io.tidb.cdc.tidb.key.TableKeys;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tikv.common.TiConfiguration;
import org.tikv.common.TiSession;
import org.tikv.common.catalog.Catalog;
import org.tikv.common.codec.TableCodec;
import org.tikv.common.key.RowKey;
import org.tikv.common.meta.TiDBInfo;
import org.tikv.common.meta.TiTableInfo;
import org.tikv.kvproto.Kvrpcpb;
import org.tikv.shade.com.google.protobuf.ByteString;

/**
 * The "done means" check: tikv-client-java, a client no one here wrote, connects to the simulated
 * PD, finds the databases and tables created through {@code POST /sql} in TiDB's meta, and reads
 * the rows with its own row decoder.
 */
class TikvClientJavaReadsSimulatorTest {
  private static final String SCHEMA =
      "CREATE DATABASE shop;"
          + "CREATE TABLE shop.items (id bigint primary key, name varchar(32), price decimal(10,2),"
          + " qty int unsigned, created datetime(3), tags set('a','b'), kind enum('x','y'), flag bit(4),"
          + " doc json, d date, t time(2), f double, y year, note text, unique key uk_name (name));"
          + "CREATE TABLE shop.events (k varchar(16) primary key nonclustered, v int);";

  private static final String DATA =
      "INSERT INTO shop.items VALUES (1, 'apple', 1.50, 7, '2024-01-02 03:04:05.678', 'a,b', 'y',"
          + " b'1010', '{\"k\": [1, 2]}', '2024-02-29', '12:34:56.78', 2.5, 2024, 'hello'),"
          + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);"
          + "BEGIN; INSERT INTO shop.events VALUES ('e1', 10), ('e2', 20);"
          + "UPDATE shop.events SET v = v + 1 WHERE k = 'e2'; COMMIT;"
          + "ALTER TABLE shop.items ADD COLUMN stock int DEFAULT 5;"
          + "INSERT INTO shop.items (id, name, stock) VALUES (3, 'pear', 9);"
          + "DELETE FROM shop.items WHERE id = 2";

  @Test
  void listsDatabasesAndTablesAndDecodesRows() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
        SqlServer server = SqlServer.start(SqlEngine.start(new ClusterKvStore(sim.cluster())), 0)) {
      assertThat(post(server, SCHEMA)).contains("\"ok\":true");
      assertThat(post(server, DATA)).contains("\"ok\":true");

      TiSession session = TiSession.create(TiConfiguration.createDefault(sim.pdAddress()));
      try {
        Catalog catalog = session.getCatalog();
        assertThat(catalog.listDatabases().stream().map(TiDBInfo::getName))
            .containsExactlyInAnyOrder("mysql", "test", "shop");
        TiDBInfo shop = catalog.getDatabase("shop");
        assertThat(catalog.listTables(shop).stream().map(TiTableInfo::getName))
            .containsExactlyInAnyOrder("items", "events");
        assertThat(
                catalog.listTables(catalog.getDatabase("mysql")).stream().map(TiTableInfo::getName))
            .contains("tidb_ddl_job", "tidb_ddl_history");

        TiTableInfo items = catalog.getTable("shop", "items");
        assertThat(items.isPkHandle()).isTrue();
        assertThat(items.getColumns()).hasSize(15);
        Map<Long, Object[]> rows = readRows(session, items);
        assertThat(rows.keySet()).containsExactly(1L, 3L);
        Object[] apple = rows.get(1L);
        assertThat(apple[0]).isEqualTo(1L);
        assertThat(apple[1]).isEqualTo("apple");
        assertThat(apple[2]).isEqualTo(new BigDecimal("1.50"));
        assertThat(apple[3]).isEqualTo(7L);
        assertThat(((Timestamp) apple[4]).toLocalDateTime())
            .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000));
        assertThat(apple[5]).isEqualTo("a,b");
        assertThat(apple[6]).isEqualTo("y");
        assertThat((byte[]) apple[7]).containsExactly(0b1010);
        assertThat(apple[8]).isEqualTo("{\"k\":[1,2]}");
        assertThat(apple[9].toString()).isEqualTo("2024-02-29");
        assertThat(apple[10]).isEqualTo((12 * 3600 + 34 * 60 + 56) * 1_000_000_000L + 780_000_000L);
        assertThat(apple[11]).isEqualTo(2.5);
        assertThat(apple[12]).isEqualTo(2024L);
        assertThat(new String((byte[]) apple[13], StandardCharsets.UTF_8)).isEqualTo("hello");
        // tikv-client-java leaves columns missing from a row NULL instead of their origin default
        // (TableCodecV2.decodeObjects); the column is there and old rows simply lack it.
        assertThat(items.getColumns().get(14).getName()).isEqualTo("stock");
        assertThat(apple[14]).isNull();
        Object[] pear = rows.get(3L);
        assertThat(pear[1]).isEqualTo("pear");
        assertThat(pear[2]).isNull();
        assertThat(pear[14]).isEqualTo(9L);

        TiTableInfo events = catalog.getTable("shop", "events");
        assertThat(events.isPkHandle()).isFalse();
        Map<Long, Object[]> ev = readRows(session, events);
        assertThat(ev.values())
            .extracting(r -> r[0] + "=" + r[1])
            .containsExactly("e1=10", "e2=21");
      } finally {
        session.close();
      }
    }
  }

  /** Scans the table's record keys with tikv-client-java and decodes each row with its codec. */
  private static Map<Long, Object[]> readRows(TiSession session, TiTableInfo table) {
    Map<Long, Object[]> out = new TreeMap<>();
    Iterator<Kvrpcpb.KvPair> it =
        session
            .createSnapshot()
            .scanPrefix(ByteString.copyFrom(TableKeys.recordPrefix(table.getId())));
    while (it.hasNext()) {
      Kvrpcpb.KvPair p = it.next();
      long handle = RowKey.decode(p.getKey().toByteArray()).getHandle();
      out.put(handle, TableCodec.decodeObjects(p.getValue().toByteArray(), handle, table));
    }
    return out;
  }

  static String post(SqlServer server, String sql) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://" + server.address() + "/sql"))
            .POST(HttpRequest.BodyPublishers.ofString(sql))
            .build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body();
  }
}
