package io.tidb.cdc.sim.sql;

import io.tidb.cdc.sim.table.ColumnValues;
import io.tidb.cdc.sim.table.TableRows;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Point lookups for UPDATE / DELETE: each condition must pin every column of the primary key or of
 * a unique index; further columns in the condition filter the row found.
 */
final class RowFinder {
  private RowFinder() {}

  /** A row found by key. */
  record Found(Handle handle, Map<Long, ColumnValue> row) {}

  /** The rows matching any of the conditions, each once, in condition order. */
  static Map<Handle, Found> find(Txn txn, TableInfo t, List<Map<String, Object>> conditions) {
    Map<Handle, Found> out = new LinkedHashMap<>();
    for (Map<String, Object> cond : conditions) {
      Map<Long, ColumnValue> values = convert(t, cond);
      lookup(txn, t, values)
          .filter(f -> matches(f.row(), values))
          .ifPresent(f -> out.putIfAbsent(f.handle(), f));
    }
    return out;
  }

  private static Map<Long, ColumnValue> convert(TableInfo t, Map<String, Object> cond) {
    Map<Long, ColumnValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : cond.entrySet()) {
      ColumnInfo c = DmlExecutor.column(t, e.getKey());
      Object v = e.getValue();
      out.put(c.id(), v == null ? ColumnValue.Null.INSTANCE : ColumnValues.convert(v, c));
    }
    return out;
  }

  private static Optional<Found> lookup(Txn txn, TableInfo t, Map<Long, ColumnValue> values) {
    if (t.pkIsHandle()) {
      ColumnInfo pk = t.pkHandleColumn().orElseThrow();
      if (values.containsKey(pk.id())) {
        return read(txn, t, TableRows.handle(t, values, 0));
      }
    }
    for (IndexInfo idx : candidates(t)) {
      if (!covers(t, idx, values)) {
        continue;
      }
      if (idx.primary() && t.isCommonHandle()) {
        return read(txn, t, TableRows.handle(t, values, 0));
      }
      Optional<byte[]> key = TableRows.uniqueKey(t, idx, values);
      if (key.isEmpty()) {
        return Optional.empty(); // NULL never equals anything
      }
      Optional<byte[]> entry = txn.get(key.get());
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      return read(txn, t, TableRows.handleInIndexValue(t, entry.get()));
    }
    throw new SqlException(
        "WHERE must give every column of the primary key or of a unique key of '"
            + t.name()
            + "' with = or IN; got columns "
            + names(t, values)
            + ", keys are "
            + keyDescriptions(t));
  }

  private static List<IndexInfo> candidates(TableInfo t) {
    List<IndexInfo> out = new ArrayList<>();
    t.primaryIndex().ifPresent(out::add);
    t.indices().stream()
        .filter(i -> i.unique() && !i.primary() && i.state() == SchemaState.PUBLIC.code())
        .forEach(out::add);
    return out;
  }

  private static boolean covers(TableInfo t, IndexInfo idx, Map<Long, ColumnValue> values) {
    for (IndexColumn ic : idx.columns()) {
      if (ic.length() >= 0 || !values.containsKey(t.columns().get(ic.offset()).id())) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Found> read(Txn txn, TableInfo t, Handle h) {
    return txn.get(TableRows.recordKey(t, h)).map(v -> new Found(h, TableRows.decode(t, h, v)));
  }

  private static boolean matches(Map<Long, ColumnValue> row, Map<Long, ColumnValue> values) {
    for (Map.Entry<Long, ColumnValue> e : values.entrySet()) {
      if (!e.getValue().equals(row.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> names(TableInfo t, Map<Long, ColumnValue> values) {
    return values.keySet().stream()
        .map(id -> t.column(id).orElseThrow().name().original())
        .toList();
  }

  private static List<String> keyDescriptions(TableInfo t) {
    List<String> out = new ArrayList<>();
    t.pkHandleColumn().ifPresent(c -> out.add("PRIMARY(" + c.name() + ")"));
    for (IndexInfo idx : candidates(t)) {
      out.add(
          idx.name().original() + idx.columns().stream().map(c -> c.name().original()).toList());
    }
    return out;
  }
}
