package io.tidb.cdc.sim.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tidb.cdc.sim.dump.TableDump;
import io.tidb.cdc.sim.txn.KvStore;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code GET /dump?database=D&table=T[&ts=TS]}: the logical rows of {@code D.T} at {@code ts} (now
 * when absent) as JSON lines, the ground truth a consistency check compares a downstream with. The
 * ts used is in the {@code X-Snapshot-Ts} header.
 */
final class DumpHandler implements HttpHandler {
  private final KvStore store;

  DumpHandler(KvStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("GET")) {
        HttpReplies.error(ex, 405, "use GET /dump?database=D&table=T[&ts=TS]");
        return;
      }
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      String database = query.get("database");
      String table = query.get("table");
      if (database == null || table == null) {
        HttpReplies.error(ex, 400, "both 'database' and 'table' query parameters are required");
        return;
      }
      long ts;
      try {
        ts = query.containsKey("ts") ? Long.parseLong(query.get("ts")) : store.timestamp();
      } catch (NumberFormatException e) {
        HttpReplies.error(ex, 400, "ts must be a TSO number, got '" + query.get("ts") + "'");
        return;
      }
      try {
        TableDump.tableAt(store, database, table, ts);
      } catch (NoSuchElementException e) {
        HttpReplies.error(ex, 404, e.getMessage());
        return;
      }
      ex.getResponseHeaders().set("Content-Type", "application/x-ndjson; charset=utf-8");
      ex.getResponseHeaders().set("X-Snapshot-Ts", Long.toString(ts));
      ex.sendResponseHeaders(200, 0);
      try (Writer out = new OutputStreamWriter(ex.getResponseBody(), StandardCharsets.UTF_8)) {
        TableDump.write(store, database, table, ts, out);
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
