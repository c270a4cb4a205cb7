package io.tidb.cdc.sim.table;

import io.tidb.cdc.tidb.codec.Datum;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.key.IndexKeys;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.Cell;
import io.tidb.cdc.tidb.row.ColumnSpec;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.row.DatumMapping;
import io.tidb.cdc.tidb.row.DecodedRow;
import io.tidb.cdc.tidb.row.RowDecoder;
import io.tidb.cdc.tidb.row.RowV2;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's rows as TiDB stores them: the record key {@code t{id}_r{handle}}, the row format v2
 * value, and one entry per index. Rows are maps from column ID to value holding every public
 * column.
 */
public final class TableRows {
  private TableRows() {}

  /** Whether rows are keyed by a hidden {@code _tidb_rowid} (no int or clustered primary key). */
  public static boolean usesRowId(TableInfo t) {
    return !t.pkIsHandle() && !t.isCommonHandle();
  }

  /**
   * The handle of a row: its int primary key, its clustered primary key, or {@code rowId} for
   * tables keyed by {@code _tidb_rowid}.
   */
  public static Handle handle(TableInfo t, Map<Long, ColumnValue> row, long rowId) {
    if (t.pkIsHandle()) {
      ColumnInfo pk = t.pkHandleColumn().orElseThrow();
      ColumnValue v = row.get(pk.id());
      if (v instanceof ColumnValue.Int i) {
        return new Handle.IntHandle(i.value());
      }
      if (v instanceof ColumnValue.Uint u) {
        return new Handle.IntHandle(u.value());
      }
      throw new ValueException("primary key column '" + pk.name() + "' has no integer value");
    }
    if (t.isCommonHandle()) {
      IndexInfo pk = t.primaryIndex().orElseThrow();
      return Handle.CommonHandle.of(keyDatums(t, pk, row));
    }
    return new Handle.IntHandle(rowId);
  }

  public static byte[] recordKey(TableInfo t, Handle h) {
    return TableKeys.recordKey(t.id(), h);
  }

  /**
   * The row v2 value. Like TiDB's {@code CanSkip}, it leaves out the int handle column, clustered
   * key columns that can be rebuilt from the key, and NULLs of columns without a default.
   */
  public static byte[] encodeValue(TableInfo t, Map<Long, ColumnValue> row) {
    List<Cell> cells = new ArrayList<>();
    for (ColumnInfo c : t.columns()) {
      if (c.isVirtualGenerated() || c.schemaState() == SchemaState.NONE) {
        continue;
      }
      ColumnValue v = row.getOrDefault(c.id(), ColumnValue.Null.INSTANCE);
      if (canSkip(t, c, v)) {
        continue;
      }
      cells.add(new Cell(c.id(), v));
    }
    return RowV2.encode(cells);
  }

  private static boolean canSkip(TableInfo t, ColumnInfo c, ColumnValue v) {
    if (t.pkIsHandle() && t.pkHandleColumn().map(pk -> pk.id() == c.id()).orElse(false)) {
      return true;
    }
    if (t.isCommonHandle()) {
      for (IndexColumn ic : t.primaryIndex().orElseThrow().columns()) {
        if (t.columns().get(ic.offset()).id() == c.id()) {
          return ic.length() < 0 && !Strings.needsRestoredData(c.type());
        }
      }
    }
    return v instanceof ColumnValue.Null && c.defaultValue() == null && c.originDefault() == null;
  }

  /** The entries of every index a write must maintain (all but a clustered primary key). */
  public static List<IndexEntry> indexEntries(TableInfo t, Map<Long, ColumnValue> row, Handle h) {
    List<IndexEntry> out = new ArrayList<>();
    for (IndexInfo idx : t.indices()) {
      if ((idx.primary() && t.isCommonHandle()) || idx.state() == SchemaState.NONE.code()) {
        continue;
      }
      out.add(indexEntry(t, idx, row, h));
    }
    return out;
  }

  public static IndexEntry indexEntry(
      TableInfo t, IndexInfo idx, Map<Long, ColumnValue> row, Handle h) {
    List<Datum> values = keyDatums(t, idx, row);
    boolean distinct = idx.unique() && values.stream().noneMatch(d -> d instanceof Datum.Null);
    byte[] key =
        distinct
            ? IndexKeys.seekKey(t.id(), idx.id(), values)
            : IndexKeys.nonUniqueKey(t.id(), idx.id(), values, h);
    return new IndexEntry(idx, key, IndexValues.of(h, distinct), distinct);
  }

  /**
   * The key of a unique index entry for {@code row}'s values of that index, empty when a value is
   * NULL (such entries are not distinct and carry the handle).
   */
  public static java.util.Optional<byte[]> uniqueKey(
      TableInfo t, IndexInfo idx, Map<Long, ColumnValue> row) {
    List<Datum> values = keyDatums(t, idx, row);
    if (values.stream().anyMatch(d -> d instanceof Datum.Null)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(IndexKeys.seekKey(t.id(), idx.id(), values));
  }

  /** The handle stored in a distinct index entry's value. */
  public static Handle handleInIndexValue(TableInfo t, byte[] value) {
    return IndexValues.handleOf(value, t.isCommonHandle());
  }

  private static List<Datum> keyDatums(TableInfo t, IndexInfo idx, Map<Long, ColumnValue> row) {
    List<Datum> out = new ArrayList<>(idx.columns().size());
    for (IndexColumn ic : idx.columns()) {
      ColumnInfo c = t.columns().get(ic.offset());
      ColumnValue v = row.getOrDefault(c.id(), ColumnValue.Null.INSTANCE);
      if (v instanceof ColumnValue.Bytes b) {
        byte[] bytes = prefix(b.value(), ic.length(), Strings.isBinary(c.type()));
        out.add(new Datum.Bytes(Strings.sortKey(bytes, c.type())));
      } else {
        out.add(DatumMapping.toKeyDatum(v));
      }
    }
    return out;
  }

  private static byte[] prefix(byte[] value, int length, boolean binary) {
    if (length < 0) {
      return value;
    }
    if (binary) {
      return value.length <= length ? value : Arrays.copyOf(value, length);
    }
    String s = new String(value, StandardCharsets.UTF_8);
    if (s.codePointCount(0, s.length()) <= length) {
      return value;
    }
    return s.substring(0, s.offsetByCodePoints(0, length)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a stored row into every public column, taking key columns from the handle and columns
   * the row does not hold from their origin default (NULL if none).
   */
  public static Map<Long, ColumnValue> decode(TableInfo t, Handle h, byte[] value) {
    DecodedRow stored = RowDecoder.decode(value, ColumnSpec.storedColumns(t));
    Map<Long, ColumnValue> fromHandle = handleColumns(t, h);
    Map<Long, ColumnValue> out = new LinkedHashMap<>();
    for (ColumnInfo c : t.publicColumns()) {
      ColumnValue v = stored.get(c.id()).orElse(null);
      if (v == null) {
        v = fromHandle.get(c.id());
      }
      if (v == null) {
        v = originDefault(c);
      }
      out.put(c.id(), v);
    }
    return out;
  }

  private static Map<Long, ColumnValue> handleColumns(TableInfo t, Handle h) {
    Map<Long, ColumnValue> out = new LinkedHashMap<>();
    if (t.pkIsHandle() && h instanceof Handle.IntHandle ih) {
      ColumnInfo pk = t.pkHandleColumn().orElseThrow();
      out.put(
          pk.id(),
          pk.type().isUnsigned()
              ? new ColumnValue.Uint(ih.value())
              : new ColumnValue.Int(ih.value()));
    } else if (t.isCommonHandle() && h instanceof Handle.CommonHandle ch) {
      List<Datum> datums = ch.datums();
      List<IndexColumn> cols = t.primaryIndex().orElseThrow().columns();
      for (int i = 0; i < cols.size() && i < datums.size(); i++) {
        ColumnInfo c = t.columns().get(cols.get(i).offset());
        out.put(c.id(), DatumMapping.fromDatum(datums.get(i), c.type()));
      }
    }
    return out;
  }

  /** The value a row written before the column existed reads as. */
  public static ColumnValue originDefault(ColumnInfo c) {
    if (c.originDefaultBit() != null) {
      return ColumnValues.convert(c.originDefaultBit(), c);
    }
    Object d = c.originDefault();
    return d == null ? ColumnValue.Null.INSTANCE : ColumnValues.convert(d, c);
  }
}
