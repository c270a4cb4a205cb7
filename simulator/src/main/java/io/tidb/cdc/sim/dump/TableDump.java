package io.tidb.cdc.sim.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.catalog.InfoSchema;
import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.sim.table.TableRows;
import io.tidb.cdc.sim.table.ValueText;
import io.tidb.cdc.sim.txn.KvStore;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.key.KeySpan;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Ground truth for consistency checks: the logical contents of a table at a timestamp, read back
 * from the key-value store (schema from TiDB's meta at that ts, rows decoded with the row decoder)
 * and written as JSON lines, one object per row mapping column name to value (see {@link
 * ValueText#json} for the value forms), in key order. Columns a row predates read as their origin
 * default.
 */
public final class TableDump {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int SCAN_BATCH = 4096;

  private TableDump() {}

  /** The rows of {@code database.table} at {@code ts}. */
  public static List<ObjectNode> rows(KvStore store, String database, String table, long ts) {
    List<ObjectNode> out = new ArrayList<>();
    scan(store, database, table, ts, out::add);
    return out;
  }

  /**
   * Writes the rows of {@code database.table} at {@code ts} as JSON lines.
   *
   * @return the number of rows written
   * @throws NoSuchElementException if the database or table did not exist at {@code ts}
   */
  public static long write(KvStore store, String database, String table, long ts, Writer out) {
    long[] n = new long[1];
    scan(
        store,
        database,
        table,
        ts,
        row -> {
          try {
            out.write(MAPPER.writeValueAsString(row));
            out.write('\n');
            n[0]++;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return n[0];
  }

  /** The table's definition at {@code ts}. */
  public static TableInfo tableAt(KvStore store, String database, String table, long ts) {
    InfoSchema schema = InfoSchema.load(new Meta(new Txn(store, ts)));
    return schema
        .table(database, table)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "table " + database + "." + table + " does not exist at ts " + ts));
  }

  private static void scan(
      KvStore store,
      String database,
      String table,
      long ts,
      java.util.function.Consumer<ObjectNode> sink) {
    TableInfo t = tableAt(store, database, table, ts);
    List<ColumnInfo> columns = t.publicColumns();
    KeySpan span = TableKeys.recordSpan(t.id());
    ByteString from = ByteString.copyFrom(span.start());
    ByteString end = ByteString.copyFrom(span.end());
    while (true) {
      List<KvStore.KvPair> batch = store.scan(from, end, ts, SCAN_BATCH);
      for (KvStore.KvPair p : batch) {
        Handle h = TableKeys.decodeRecordKey(p.key().toByteArray()).handle();
        Map<Long, ColumnValue> row = TableRows.decode(t, h, p.value().toByteArray());
        ObjectNode json = MAPPER.createObjectNode();
        for (ColumnInfo c : columns) {
          JsonNode v = ValueText.json(row.get(c.id()), c.type());
          json.set(c.name().original(), v);
        }
        sink.accept(json);
      }
      if (batch.size() < SCAN_BATCH) {
        return;
      }
      from = batch.get(batch.size() - 1).key().concat(ByteString.copyFrom(new byte[] {0}));
    }
  }
}
