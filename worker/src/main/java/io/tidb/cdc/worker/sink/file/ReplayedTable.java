package io.tidb.cdc.worker.sink.file;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One table rebuilt from canal-json rows: row key to row (column name to canal-json value, null for
 * SQL NULL). The key is the primary-key values in {@code pkNames} order; a table without a primary
 * key is keyed by its whole row (name, value, name, value, ... sorted by name), and a delete that
 * carries only some columns removes a row that matches all of them.
 */
public final class ReplayedTable {
  private final Map<List<String>, Map<String, String>> rows = new LinkedHashMap<>();
  private long appliedTs;

  /** The rows by key, read-only. */
  public Map<List<String>, Map<String, String>> rows() {
    return Collections.unmodifiableMap(rows);
  }

  /** The highest commit ts applied so far (0 before any). */
  long appliedTs() {
    return appliedTs;
  }

  void advance(long commitTs) {
    if (Long.compareUnsigned(commitTs, appliedTs) > 0) {
      appliedTs = commitTs;
    }
  }

  void insert(List<String> pkNames, Map<String, String> data) {
    rows.put(key(pkNames, data), Collections.unmodifiableMap(new LinkedHashMap<>(data)));
  }

  /** Applies an update; {@code old} may hold only the changed columns. */
  void update(List<String> pkNames, Map<String, String> old, Map<String, String> data) {
    Map<String, String> before = new LinkedHashMap<>(data);
    before.putAll(old);
    remove(pkNames, before);
    insert(pkNames, data);
  }

  /**
   * Removes the row {@code data} identifies.
   *
   * @return false when no row matched
   */
  boolean remove(List<String> pkNames, Map<String, String> data) {
    if (!pkNames.isEmpty() || rows.containsKey(key(pkNames, data))) {
      return rows.remove(key(pkNames, data)) != null;
    }
    for (Iterator<Map<String, String>> it = rows.values().iterator(); it.hasNext(); ) {
      if (it.next().entrySet().containsAll(data.entrySet())) {
        it.remove();
        return true;
      }
    }
    return false;
  }

  void clear() {
    rows.clear();
  }

  /**
   * Brings every row to a new column list after a DDL: columns no longer there are dropped, new
   * ones take their default (as text) or NULL.
   */
  void reshape(List<String> columns, Map<String, String> defaults) {
    List<Map.Entry<List<String>, Map<String, String>>> all = new ArrayList<>(rows.entrySet());
    rows.clear();
    for (Map.Entry<List<String>, Map<String, String>> e : all) {
      Map<String, String> row = new LinkedHashMap<>();
      for (String c : columns) {
        row.put(c, e.getValue().containsKey(c) ? e.getValue().get(c) : defaults.get(c));
      }
      rows.put(e.getKey(), Collections.unmodifiableMap(row));
    }
  }

  static List<String> key(List<String> pkNames, Map<String, String> row) {
    if (!pkNames.isEmpty()) {
      String[] k = new String[pkNames.size()];
      for (int i = 0; i < k.length; i++) {
        k[i] = row.get(pkNames.get(i));
      }
      return Collections.unmodifiableList(Arrays.asList(k));
    }
    List<String> k = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(row).entrySet()) {
      k.add(e.getKey());
      k.add(e.getValue());
    }
    return Collections.unmodifiableList(k);
  }
}
