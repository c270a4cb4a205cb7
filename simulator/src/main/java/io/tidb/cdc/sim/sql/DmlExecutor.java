package io.tidb.cdc.sim.sql;

import io.tidb.cdc.sim.catalog.AutoIds;
import io.tidb.cdc.sim.table.ColumnValues;
import io.tidb.cdc.sim.table.IndexEntry;
import io.tidb.cdc.sim.table.TableRows;
import io.tidb.cdc.sim.table.ValueException;
import io.tidb.cdc.sim.table.ValueText;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.ColumnFlag;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * INSERT, REPLACE, UPDATE and DELETE on one table inside a transaction, writing rows and index
 * entries as TiDB does: duplicate keys fail the statement (REPLACE deletes the old rows first),
 * unchanged rows are not rewritten, only indexes whose columns changed are rebuilt.
 */
final class DmlExecutor {
  private final AutoIds autoIds;

  DmlExecutor(AutoIds autoIds) {
    this.autoIds = autoIds;
  }

  /** A SET value computed from the old row (lower-case column name to SQL value). */
  @FunctionalInterface
  interface ValueSource {
    Object value(Function<String, Object> oldRow);

    static ValueSource constant(Object v) {
      return row -> v;
    }
  }

  /**
   * @param columns target column names, or null for all columns in table order
   * @param replace REPLACE semantics: rows with the same primary or unique key are deleted first
   * @return rows affected (REPLACE counts deleted rows too, as MySQL does)
   */
  int insert(
      Txn txn,
      long dbId,
      TableInfo t,
      List<String> columns,
      List<List<Object>> rows,
      boolean replace) {
    List<ColumnInfo> targets = targetColumns(t, columns);
    int affected = 0;
    for (List<Object> values : rows) {
      if (values.size() != targets.size()) {
        throw new SqlException(
            "column count doesn't match value count: "
                + targets.size()
                + " columns, "
                + values.size()
                + " values");
      }
      Map<Long, Object> given = new HashMap<>();
      for (int i = 0; i < targets.size(); i++) {
        given.put(targets.get(i).id(), values.get(i));
      }
      Map<Long, ColumnValue> row = buildRow(dbId, t, given);
      long rowId = TableRows.usesRowId(t) ? autoIds.next(dbId, t.id()) : 0;
      Handle h = TableRows.handle(t, row, rowId);
      if (replace) {
        affected += removeConflicts(txn, t, row, h);
      } else {
        checkDuplicates(txn, t, row, h);
      }
      write(txn, t, h, row);
      affected++;
    }
    return affected;
  }

  int update(
      Txn txn,
      long dbId,
      TableInfo t,
      List<Map<String, Object>> where,
      Map<String, ValueSource> sets) {
    Map<Long, ValueSource> byId = new LinkedHashMap<>();
    for (Map.Entry<String, ValueSource> e : sets.entrySet()) {
      byId.put(column(t, e.getKey()).id(), e.getValue());
    }
    int affected = 0;
    for (RowFinder.Found f : RowFinder.find(txn, t, where).values()) {
      Function<String, Object> old =
          name -> Literals.toJava(f.row().get(column(t, name).id()), column(t, name).type());
      Map<Long, ColumnValue> next = new LinkedHashMap<>(f.row());
      for (Map.Entry<Long, ValueSource> e : byId.entrySet()) {
        ColumnInfo c = t.column(e.getKey()).orElseThrow();
        Object v = e.getValue().value(old);
        next.put(
            c.id(), v == Literals.DEFAULT ? defaultValue(dbId, t, c) : ColumnValues.convert(v, c));
      }
      if (next.equals(f.row())) {
        continue;
      }
      for (ColumnInfo c : t.publicColumns()) {
        if (ColumnFlag.has(c.type().flag(), ColumnFlag.ON_UPDATE_NOW)
            && !byId.containsKey(c.id())) {
          next.put(c.id(), ColumnValues.convert(LocalDateTime.now(ZoneOffset.UTC), c));
        }
      }
      rewrite(txn, t, f.handle(), f.row(), next);
      affected++;
    }
    return affected;
  }

  int delete(Txn txn, TableInfo t, List<Map<String, Object>> where) {
    int affected = 0;
    for (RowFinder.Found f : RowFinder.find(txn, t, where).values()) {
      remove(txn, t, f.handle(), f.row());
      affected++;
    }
    return affected;
  }

  private static long handleRowId(Handle h) {
    return h instanceof Handle.IntHandle i ? i.value() : 0;
  }

  private Map<Long, ColumnValue> buildRow(long dbId, TableInfo t, Map<Long, Object> given) {
    Map<Long, ColumnValue> row = new LinkedHashMap<>();
    for (ColumnInfo c : t.publicColumns()) {
      Object v = given.containsKey(c.id()) ? given.get(c.id()) : Literals.DEFAULT;
      boolean auto = ColumnFlag.has(c.type().flag(), ColumnFlag.AUTO_INCREMENT);
      if (auto && (v == null || v == Literals.DEFAULT || isZero(v))) {
        row.put(c.id(), ColumnValues.convert(autoIds.next(dbId, t.id()), c));
        continue;
      }
      ColumnValue cv =
          v == Literals.DEFAULT ? defaultValue(dbId, t, c) : ColumnValues.convert(v, c);
      if (auto) {
        long used = cv instanceof ColumnValue.Int i ? i.value() : ((ColumnValue.Uint) cv).value();
        autoIds.rebase(dbId, t.id(), used);
      }
      row.put(c.id(), cv);
    }
    return row;
  }

  private static boolean isZero(Object v) {
    return v instanceof Long l && l == 0;
  }

  private static ColumnValue defaultValue(long dbId, TableInfo t, ColumnInfo c) {
    Object d = c.defaultValue();
    if (d instanceof String s
        && s.toUpperCase(java.util.Locale.ROOT).startsWith("CURRENT_TIMESTAMP")) {
      return ColumnValues.convert(LocalDateTime.now(ZoneOffset.UTC), c);
    }
    if (c.defaultBit() != null) {
      return ColumnValues.convert(c.defaultBit(), c);
    }
    if (d == null && c.type().isNotNull()) {
      throw new ValueException("field '" + c.name() + "' doesn't have a default value");
    }
    return ColumnValues.convert(d, c);
  }

  private static List<ColumnInfo> targetColumns(TableInfo t, List<String> columns) {
    if (columns == null) {
      return t.publicColumns();
    }
    List<ColumnInfo> out = new ArrayList<>();
    for (String name : columns) {
      ColumnInfo c = column(t, name);
      if (out.contains(c)) {
        throw new SqlException("column '" + name + "' specified twice");
      }
      out.add(c);
    }
    return out;
  }

  static ColumnInfo column(TableInfo t, String name) {
    return t.column(Identifiers.name(name))
        .filter(ColumnInfo::isPublic)
        .orElseThrow(
            () -> new SqlException("unknown column '" + name + "' in table '" + t.name() + "'"));
  }

  private static void write(Txn txn, TableInfo t, Handle h, Map<Long, ColumnValue> row) {
    txn.put(TableRows.recordKey(t, h), TableRows.encodeValue(t, row));
    for (IndexEntry e : TableRows.indexEntries(t, row, h)) {
      txn.put(e.key(), e.value());
    }
  }

  private static void remove(Txn txn, TableInfo t, Handle h, Map<Long, ColumnValue> row) {
    txn.delete(TableRows.recordKey(t, h));
    for (IndexEntry e : TableRows.indexEntries(t, row, h)) {
      txn.delete(e.key());
    }
  }

  /**
   * Updates a row in place: the record is rewritten (moved if its handle changed) and only index
   * entries whose key or value changed are deleted and written.
   */
  private static void rewrite(
      Txn txn,
      TableInfo t,
      Handle oldHandle,
      Map<Long, ColumnValue> old,
      Map<Long, ColumnValue> next) {
    Handle newHandle = TableRows.handle(t, next, handleRowId(oldHandle));
    boolean moved = !newHandle.equals(oldHandle);
    List<IndexEntry> before = TableRows.indexEntries(t, old, oldHandle);
    List<IndexEntry> after = TableRows.indexEntries(t, next, newHandle);
    if (moved) {
      txn.delete(TableRows.recordKey(t, oldHandle));
      if (txn.get(TableRows.recordKey(t, newHandle)).isPresent()) {
        throw new SqlException(
            "Duplicate entry '"
                + keyText(t, next, pkColumns(t))
                + "' for key '"
                + t.name()
                + ".PRIMARY'");
      }
    }
    for (IndexEntry e : before) {
      if (!contains(after, e)) {
        txn.delete(e.key());
      }
    }
    for (IndexEntry e : after) {
      if (contains(before, e)) {
        continue;
      }
      if (e.distinct() && txn.get(e.key()).isPresent()) {
        List<ColumnInfo> cols =
            e.index().columns().stream().map(ic -> t.columns().get(ic.offset())).toList();
        throw new SqlException(
            "Duplicate entry '"
                + keyText(t, next, cols)
                + "' for key '"
                + t.name()
                + "."
                + e.index().name()
                + "'");
      }
      txn.put(e.key(), e.value());
    }
    txn.put(TableRows.recordKey(t, newHandle), TableRows.encodeValue(t, next));
  }

  private static boolean contains(List<IndexEntry> entries, IndexEntry e) {
    for (IndexEntry x : entries) {
      if (java.util.Arrays.equals(x.key(), e.key())
          && java.util.Arrays.equals(x.value(), e.value())) {
        return true;
      }
    }
    return false;
  }

  private static void checkDuplicates(Txn txn, TableInfo t, Map<Long, ColumnValue> row, Handle h) {
    if (!TableRows.usesRowId(t) && txn.get(TableRows.recordKey(t, h)).isPresent()) {
      throw new SqlException(
          "Duplicate entry '"
              + keyText(t, row, pkColumns(t))
              + "' for key '"
              + t.name()
              + ".PRIMARY'");
    }
    for (IndexEntry e : TableRows.indexEntries(t, row, h)) {
      if (e.distinct() && txn.get(e.key()).isPresent()) {
        List<ColumnInfo> cols =
            e.index().columns().stream().map(ic -> t.columns().get(ic.offset())).toList();
        throw new SqlException(
            "Duplicate entry '"
                + keyText(t, row, cols)
                + "' for key '"
                + t.name()
                + "."
                + e.index().name()
                + "'");
      }
    }
  }

  /** REPLACE: deletes the rows whose primary or unique keys collide; returns how many. */
  private static int removeConflicts(Txn txn, TableInfo t, Map<Long, ColumnValue> row, Handle h) {
    Map<Handle, Map<Long, ColumnValue>> victims = new LinkedHashMap<>();
    if (!TableRows.usesRowId(t)) {
      txn.get(TableRows.recordKey(t, h)).ifPresent(v -> victims.put(h, TableRows.decode(t, h, v)));
    }
    for (IndexEntry e : TableRows.indexEntries(t, row, h)) {
      if (!e.distinct()) {
        continue;
      }
      var existing = txn.get(e.key());
      if (existing.isPresent()) {
        Handle other = TableRows.handleInIndexValue(t, existing.get());
        txn.get(TableRows.recordKey(t, other))
            .ifPresent(v -> victims.putIfAbsent(other, TableRows.decode(t, other, v)));
      }
    }
    victims.forEach((vh, vrow) -> remove(txn, t, vh, vrow));
    return victims.size();
  }

  private static List<ColumnInfo> pkColumns(TableInfo t) {
    if (t.pkIsHandle()) {
      return List.of(t.pkHandleColumn().orElseThrow());
    }
    return t.primaryIndex()
        .map(pk -> pk.columns().stream().map(ic -> t.columns().get(ic.offset())).toList())
        .orElse(List.of());
  }

  private static String keyText(TableInfo t, Map<Long, ColumnValue> row, List<ColumnInfo> cols) {
    List<String> parts = new ArrayList<>();
    for (ColumnInfo c : cols) {
      parts.add(Objects.toString(ValueText.text(row.get(c.id()))));
    }
    return String.join("-", parts);
  }
}
