package io.tidb.cdc.worker.schema;

import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnSpec;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One table in one schema version: TiDB's table info, the database it belongs to, and what the
 * mounter needs precomputed once per version (visible columns with their attributes, the columns
 * rows store, the handle columns). Immutable; shared by every snapshot the table is unchanged in.
 */
public final class TableDef {
  private final long schemaId;
  private final String schemaName;
  private final TableInfo info;
  private final List<ColumnDef> columns;
  private final Map<Long, ColumnDef> columnsById;
  private final List<ColumnSpec> storedColumns;
  private final List<ColumnDef> handleKeyColumns;
  private final ColumnDef pkHandleColumn;
  private final List<ColumnDef> commonHandleColumns;

  public TableDef(long schemaId, String schemaName, TableInfo info) {
    this.schemaId = schemaId;
    this.schemaName = Objects.requireNonNull(schemaName, "schemaName");
    this.info = Objects.requireNonNull(info, "info");
    Set<Long> handleKeyIds = handleKeyColumnIds(info);
    List<ColumnDef> visible = new ArrayList<>();
    Map<Long, ColumnDef> byId = new HashMap<>();
    for (ColumnInfo c : info.publicColumns()) {
      if (c.isVirtualGenerated()) {
        continue; // not stored and not replicated, as in TiCDC
      }
      ColumnDef def = new ColumnDef(c, attrsOf(c, handleKeyIds.contains(c.id())));
      visible.add(def);
      byId.put(c.id(), def);
    }
    this.columns = List.copyOf(visible);
    this.columnsById = Map.copyOf(byId);
    this.storedColumns = List.copyOf(ColumnSpec.storedColumns(info));
    this.handleKeyColumns = visible.stream().filter(c -> c.has(ColumnAttr.HANDLE_KEY)).toList();
    this.pkHandleColumn = info.pkHandleColumn().map(c -> byId.get(c.id())).orElse(null);
    this.commonHandleColumns = commonHandle(info, byId);
  }

  public long schemaId() {
    return schemaId;
  }

  public String schemaName() {
    return schemaName;
  }

  /** The logical table ID (for a partitioned table, not the ID rows are written under). */
  public long id() {
    return info.id();
  }

  public String name() {
    return info.name().original();
  }

  public TableInfo info() {
    return info;
  }

  /** The public, non-virtual columns in table order: what a row change carries. */
  public List<ColumnDef> columns() {
    return columns;
  }

  public Optional<ColumnDef> column(long columnId) {
    return Optional.ofNullable(columnsById.get(columnId));
  }

  /** The columns a row value may hold (every non-virtual column in any state), for decoding. */
  public List<ColumnSpec> storedColumns() {
    return storedColumns;
  }

  /** The columns that identify a row downstream; empty when the table has no usable key. */
  public List<ColumnDef> handleKeyColumns() {
    return handleKeyColumns;
  }

  /** The integer primary-key column whose value is the row handle ({@code pk_is_handle}). */
  public Optional<ColumnDef> pkHandleColumn() {
    return Optional.ofNullable(pkHandleColumn);
  }

  /** The clustered primary-key columns a common handle encodes, in index order. */
  public List<ColumnDef> commonHandleColumns() {
    return commonHandleColumns;
  }

  public boolean isPartitioned() {
    return info.isPartitioned();
  }

  /** The IDs rows of this table are written under: its partitions' IDs, or its own. */
  public List<Long> physicalTableIds() {
    return info.physicalTableIds();
  }

  public boolean isView() {
    return info.isView();
  }

  /**
   * Whether TiCDC would replicate the table without {@code force-replicate}: a view, or a table
   * with a primary key or a NOT NULL unique key. Sequences never are.
   */
  public boolean isEligible() {
    if (info.isSequence()) {
      return false;
    }
    return info.isView() || !handleKeyColumns.isEmpty();
  }

  /** {@code schema.table} as written. */
  public String qualifiedName() {
    return schemaName + "." + name();
  }

  @Override
  public String toString() {
    return "TableDef[" + qualifiedName() + " id=" + id() + "]";
  }

  private static EnumSet<ColumnAttr> attrsOf(ColumnInfo c, boolean handleKey) {
    FieldType t = c.type();
    long flag = t.flag();
    EnumSet<ColumnAttr> attrs = EnumSet.noneOf(ColumnAttr.class);
    if (ColumnFlag.has(flag, ColumnFlag.PRI_KEY)) {
      attrs.add(ColumnAttr.PRIMARY_KEY);
    }
    if (ColumnFlag.has(flag, ColumnFlag.UNIQUE_KEY)) {
      attrs.add(ColumnAttr.UNIQUE_KEY);
    }
    if (ColumnFlag.has(flag, ColumnFlag.MULTIPLE_KEY)) {
      attrs.add(ColumnAttr.MULTIPLE_KEY);
    }
    if (handleKey) {
      attrs.add(ColumnAttr.HANDLE_KEY);
    }
    if (!ColumnFlag.has(flag, ColumnFlag.NOT_NULL)) {
      attrs.add(ColumnAttr.NULLABLE);
    }
    if (ColumnFlag.has(flag, ColumnFlag.UNSIGNED)) {
      attrs.add(ColumnAttr.UNSIGNED);
    }
    // Numeric types carry the binary flag too; only strings are "binary" in the sink's sense.
    if (MysqlType.isString(t.tp())
        && (ColumnFlag.has(flag, ColumnFlag.BINARY) || "binary".equals(t.charset()))) {
      attrs.add(ColumnAttr.BINARY);
    }
    if (c.isGenerated()) {
      attrs.add(ColumnAttr.GENERATED);
    }
    return attrs;
  }

  /**
   * TiCDC's handle-key choice: the int primary key of a {@code pk_is_handle} table; else the
   * primary index; else the unique index with the fewest columns (then the lowest ID) whose columns
   * are all NOT NULL.
   */
  private static Set<Long> handleKeyColumnIds(TableInfo info) {
    Optional<ColumnInfo> pk = info.pkHandleColumn();
    if (pk.isPresent()) {
      return Set.of(pk.get().id());
    }
    Optional<IndexInfo> chosen =
        info.indices().stream()
            .filter(i -> i.state() == SchemaState.PUBLIC.code())
            .filter(i -> (i.primary() || i.unique()) && allNotNull(info, i))
            .min(
                Comparator.comparing((IndexInfo i) -> !i.primary())
                    .thenComparingInt(i -> i.columns().size())
                    .thenComparingLong(IndexInfo::id));
    Set<Long> ids = new HashSet<>();
    chosen.ifPresent(i -> i.columns().forEach(ic -> ids.add(columnAt(info, ic).id())));
    return ids;
  }

  private static boolean allNotNull(TableInfo info, IndexInfo index) {
    for (IndexColumn ic : index.columns()) {
      ColumnInfo c = columnAt(info, ic);
      if (!c.type().isNotNull() || c.isVirtualGenerated()) {
        return false;
      }
    }
    return !index.columns().isEmpty();
  }

  /** TiDB's index column offset indexes the table's column list. */
  private static ColumnInfo columnAt(TableInfo info, IndexColumn ic) {
    if (ic.offset() < 0 || ic.offset() >= info.columns().size()) {
      throw new SchemaException(
          "table "
              + info.name()
              + " (id "
              + info.id()
              + ") has an index column "
              + ic.name()
              + " at offset "
              + ic.offset()
              + " outside its "
              + info.columns().size()
              + " columns");
    }
    return info.columns().get(ic.offset());
  }

  private static List<ColumnDef> commonHandle(TableInfo info, Map<Long, ColumnDef> byId) {
    if (!info.isCommonHandle()) {
      return List.of();
    }
    IndexInfo pk =
        info.primaryIndex()
            .orElseThrow(
                () ->
                    new SchemaException(
                        "clustered table "
                            + info.name()
                            + " (id "
                            + info.id()
                            + ") has no primary index"));
    List<ColumnDef> out = new ArrayList<>();
    for (IndexColumn ic : pk.columns()) {
      ColumnDef def = byId.get(columnAt(info, ic).id());
      if (def == null) {
        throw new SchemaException(
            "clustered table "
                + info.name()
                + " has primary-key column "
                + ic.name()
                + " that is not public");
      }
      out.add(def);
    }
    return List.copyOf(out);
  }
}
