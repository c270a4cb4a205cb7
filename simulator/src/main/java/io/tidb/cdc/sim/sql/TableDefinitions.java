package io.tidb.cdc.sim.sql;

import io.tidb.cdc.sim.table.ColumnValues;
import io.tidb.cdc.sim.table.ValueText;
import io.tidb.cdc.tidb.meta.CIStr;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * CREATE TABLE to TableInfo as TiDB's {@code BuildTableInfoFromAST}: column IDs from 1 in
 * definition order, index IDs in constraint order (column-level keys first), a single integer
 * primary key as the row handle ({@code pk_is_handle}), any other primary key clustered ({@code
 * is_common_handle}, TiDB's default {@code tidb_enable_clustered_index=ON}) unless declared
 * NONCLUSTERED, and the column flags TiDB sets for keys.
 */
final class TableDefinitions {
  private TableDefinitions() {}

  /** A key of the table being defined. */
  private record Key(
      String name, List<String> columns, boolean primary, boolean unique, Boolean clustered) {}

  static TableInfo build(CreateTable ct, long tableId, Charsets.Defaults dbDefaults) {
    String tableName = Identifiers.strip(ct.getTable().getName());
    TableOptions options = TableOptions.read(ct.getTableOptionsStrings(), dbDefaults);
    List<ColumnDef> defs = new ArrayList<>();
    List<Key> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (ct.getColumnDefinitions() == null || ct.getColumnDefinitions().isEmpty()) {
      throw new SqlException("table '" + tableName + "' must have at least one column");
    }
    for (ColumnDefinition cd : ct.getColumnDefinitions()) {
      ColumnDef def = ColumnDefinitions.read(cd, options.charsets());
      if (!seen.add(def.name().toLowerCase(Locale.ROOT))) {
        throw new SqlException("duplicate column name '" + def.name() + "'");
      }
      defs.add(def);
      if (def.primaryKey()) {
        keys.add(new Key("PRIMARY", List.of(def.name()), true, true, def.clustered()));
      } else if (def.unique()) {
        keys.add(new Key(null, List.of(def.name()), false, true, null));
      }
    }
    if (ct.getIndexes() != null) {
      for (Index idx : ct.getIndexes()) {
        keys.add(key(idx));
      }
    }
    return assemble(tableId, tableName, options, defs, keys);
  }

  private static Key key(Index idx) {
    String type = idx.getType() == null ? "" : idx.getType().toLowerCase(Locale.ROOT);
    List<String> cols = new ArrayList<>();
    for (Index.ColumnParams p : idx.getColumns()) {
      if (p.getParams() != null && !p.getParams().isEmpty()) {
        throw new SqlException("index column options " + p.getParams() + " are not supported");
      }
      cols.add(Identifiers.strip(p.getColumnName()));
    }
    Boolean clustered = null;
    for (String s : idx.getIndexSpec() == null ? List.<String>of() : idx.getIndexSpec()) {
      String w = s.toLowerCase(Locale.ROOT);
      if (w.equals("clustered") || w.equals("nonclustered")) {
        clustered = w.equals("clustered");
      }
    }
    if (type.startsWith("primary")) {
      return new Key("PRIMARY", cols, true, true, clustered);
    }
    if (type.startsWith("unique")) {
      return new Key(
          idx.getName() == null ? null : Identifiers.strip(idx.getName()), cols, false, true, null);
    }
    if (type.equals("key") || type.equals("index")) {
      return new Key(
          idx.getName() == null ? null : Identifiers.strip(idx.getName()),
          cols,
          false,
          false,
          null);
    }
    throw new SqlException("unsupported table constraint '" + idx + "'");
  }

  private static TableInfo assemble(
      long tableId, String tableName, TableOptions options, List<ColumnDef> defs, List<Key> keys) {
    Map<String, Integer> offsets = new LinkedHashMap<>();
    for (int i = 0; i < defs.size(); i++) {
      offsets.put(defs.get(i).name().toLowerCase(Locale.ROOT), i);
    }
    long[] flags = new long[defs.size()];
    for (int i = 0; i < defs.size(); i++) {
      flags[i] = defs.get(i).type().flag();
    }
    List<Key> primaries = keys.stream().filter(Key::primary).toList();
    if (primaries.size() > 1) {
      throw new SqlException("multiple primary keys defined");
    }
    Key pk = primaries.isEmpty() ? null : primaries.get(0);
    boolean pkIsHandle = false;
    boolean commonHandle = false;
    if (pk != null) {
      for (String c : pk.columns()) {
        int off = offset(offsets, c);
        flags[off] |= ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL;
      }
      boolean clustered = !Boolean.FALSE.equals(pk.clustered());
      FieldType first = defs.get(offset(offsets, pk.columns().get(0))).type();
      pkIsHandle = clustered && pk.columns().size() == 1 && MysqlType.isInteger(first.tp());
      commonHandle = clustered && !pkIsHandle;
    }

    List<IndexInfo> indices = new ArrayList<>();
    Set<String> names = new HashSet<>();
    long indexId = 0;
    for (Key k : keys) {
      if (k.primary() && pkIsHandle) {
        continue;
      }
      String name =
          k.primary()
              ? "PRIMARY"
              : uniqueName(k.name() != null ? k.name() : k.columns().get(0), names);
      if (!names.add(name.toLowerCase(Locale.ROOT)) && !k.primary()) {
        throw new SqlException("duplicate key name '" + name + "'");
      }
      List<IndexColumn> cols = new ArrayList<>();
      for (String c : k.columns()) {
        cols.add(
            new IndexColumn(CIStr.of(defs.get(offset(offsets, c)).name()), offset(offsets, c), -1));
      }
      if (!k.primary()) {
        int firstOff = cols.get(0).offset();
        flags[firstOff] |=
            k.unique() && cols.size() == 1 ? ColumnFlag.UNIQUE_KEY : ColumnFlag.MULTIPLE_KEY;
      }
      IndexInfo.IndexKind kind =
          k.primary()
              ? IndexInfo.IndexKind.PRIMARY
              : k.unique() ? IndexInfo.IndexKind.UNIQUE : IndexInfo.IndexKind.PLAIN;
      indices.add(IndexInfo.of(++indexId, name, tableName, cols, kind));
    }

    List<ColumnInfo> columns = new ArrayList<>();
    int autoColumns = 0;
    for (int i = 0; i < defs.size(); i++) {
      ColumnDef d = defs.get(i);
      if (d.autoIncrement()) {
        autoColumns++;
        boolean keyed =
            (flags[i] & (ColumnFlag.PRI_KEY | ColumnFlag.UNIQUE_KEY | ColumnFlag.MULTIPLE_KEY))
                != 0;
        if (!keyed || !MysqlType.isInteger(d.type().tp())) {
          throw new SqlException(
              "incorrect table definition: AUTO_INCREMENT column '"
                  + d.name()
                  + "' must be an integer key");
        }
      }
      columns.add(column(d, i + 1, i, flags[i]));
    }
    if (autoColumns > 1) {
      throw new SqlException(
          "incorrect table definition: there can be only one AUTO_INCREMENT column");
    }
    TableInfo.Builder b =
        TableInfo.builder(tableId, tableName)
            .charset(options.charsets().charset(), options.charsets().collate())
            .columns(columns)
            .indices(indices)
            .comment(options.comment())
            .autoIncId(options.autoIncrement());
    if (pkIsHandle) {
      b.pkIsHandle();
    } else if (commonHandle) {
      b.commonHandle();
    }
    return b.build();
  }

  private static String uniqueName(String base, Set<String> used) {
    if (!used.contains(base.toLowerCase(Locale.ROOT))) {
      return base;
    }
    for (int i = 2; ; i++) {
      String candidate = base + "_" + i;
      if (!used.contains(candidate.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
  }

  private static int offset(Map<String, Integer> offsets, String column) {
    Integer off = offsets.get(column.toLowerCase(Locale.ROOT));
    if (off == null) {
      throw new SqlException("key column '" + column + "' doesn't exist in table");
    }
    return off;
  }

  /** A ColumnInfo with TiDB's default-value text and NO_DEFAULT_VALUE flag. */
  static ColumnInfo column(ColumnDef d, long id, int offset, long flags) {
    long flag = flags;
    boolean hasDefault = d.hasDefault();
    if (!hasDefault
        && (flag & ColumnFlag.NOT_NULL) != 0
        && !d.autoIncrement()
        && d.type().tp() != MysqlType.TIMESTAMP) {
      flag |= ColumnFlag.NO_DEFAULT_VALUE;
    }
    ColumnInfo c = ColumnInfo.of(id, d.name(), offset, d.type().withFlag(flag));
    if (!d.comment().isEmpty()) {
      c =
          new ColumnInfo(
              c.id(),
              c.name(),
              c.offset(),
              null,
              null,
              null,
              null,
              false,
              "",
              false,
              null,
              c.type(),
              c.state(),
              d.comment(),
              false,
              null,
              c.version());
    }
    if (d.defaultExpr() != null) {
      if (!MysqlType.isTime(d.type().tp()) || d.type().tp() == MysqlType.DATE) {
        throw new SqlException("invalid default value for '" + d.name() + "'");
      }
      return withDefault(c, d.defaultExpr(), null);
    }
    if (!hasDefault || d.defaultValue() == null) {
      if (hasDefault && (flag & ColumnFlag.NOT_NULL) != 0) {
        throw new SqlException("invalid default value NULL for NOT NULL column '" + d.name() + "'");
      }
      return c;
    }
    if (d.autoIncrement()
        || MysqlType.isString(d.type().tp())
            && d.type().tp() != MysqlType.STRING
            && d.type().tp() != MysqlType.VARCHAR
            && d.type().tp() != MysqlType.VAR_STRING
        || d.type().tp() == MysqlType.JSON) {
      throw new SqlException(
          "column '"
              + d.name()
              + "' ("
              + MysqlType.name(d.type().tp())
              + ") can't have a default value");
    }
    ColumnValue v;
    try {
      v = ColumnValues.convert(d.defaultValue(), c);
    } catch (RuntimeException e) {
      throw new SqlException("invalid default value for '" + d.name() + "': " + e.getMessage(), e);
    }
    if (v instanceof ColumnValue.Bit bit) {
      byte[] bytes = new byte[bit.byteSize()];
      for (int i = 0; i < bytes.length; i++) {
        bytes[bytes.length - 1 - i] = (byte) (bit.value() >>> (8 * i));
      }
      return withDefault(c, new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1), bytes);
    }
    return withDefault(c, ValueText.text(v), null);
  }

  private static ColumnInfo withDefault(ColumnInfo c, Object text, byte[] bit) {
    return new ColumnInfo(
        c.id(),
        c.name(),
        c.offset(),
        c.originDefault(),
        c.originDefaultBit(),
        text,
        bit,
        c.defaultIsExpr(),
        c.generatedExprString(),
        c.generatedStored(),
        c.dependences(),
        c.type(),
        c.state(),
        c.comment(),
        c.hidden(),
        c.changeStateInfo(),
        c.version());
  }
}
