package io.tidb.cdc.sim.ddl;

import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.ArrayList;
import java.util.List;

/** Small edits of table infos that the meta model has no withers for. */
final class Infos {
  private Infos() {}

  static IndexInfo withState(IndexInfo i, SchemaState state) {
    return new IndexInfo(
        i.id(),
        i.name(),
        i.table(),
        i.columns(),
        state.code(),
        i.backfillState(),
        i.comment(),
        i.indexType(),
        i.unique(),
        i.primary(),
        i.invisible(),
        i.global(),
        i.mvIndex());
  }

  static IndexInfo withColumns(IndexInfo i, List<IndexColumn> columns) {
    return new IndexInfo(
        i.id(),
        i.name(),
        i.table(),
        columns,
        i.state(),
        i.backfillState(),
        i.comment(),
        i.indexType(),
        i.unique(),
        i.primary(),
        i.invisible(),
        i.global(),
        i.mvIndex());
  }

  /** Replaces the index with the same ID. */
  static TableInfo replaceIndex(TableInfo t, IndexInfo changed) {
    List<IndexInfo> out = new ArrayList<>();
    for (IndexInfo i : t.indices()) {
      out.add(i.id() == changed.id() ? changed : i);
    }
    return t.toBuilder().indices(out).build();
  }

  /** Replaces the column with the same ID. */
  static TableInfo replaceColumn(TableInfo t, ColumnInfo changed) {
    List<ColumnInfo> out = new ArrayList<>();
    for (ColumnInfo c : t.columns()) {
      out.add(c.id() == changed.id() ? changed : c);
    }
    return t.toBuilder().columns(out).build();
  }

  /**
   * Moves the column at list position {@code from} to {@code to}, renumbering offsets and the index
   * columns that point at them ({@code TableInfo.MoveColumnInfo}).
   */
  static TableInfo moveColumn(TableInfo t, int from, int to) {
    List<ColumnInfo> cols = new ArrayList<>(t.columns());
    ColumnInfo moved = cols.remove(from);
    cols.add(to, moved);
    int[] newOffset = new int[cols.size()];
    List<ColumnInfo> renumbered = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      ColumnInfo c = cols.get(i);
      newOffset[c.offset()] = i;
      renumbered.add(c.withOffset(i));
    }
    List<IndexInfo> indices = new ArrayList<>();
    for (IndexInfo idx : t.indices()) {
      List<IndexColumn> ic = new ArrayList<>();
      for (IndexColumn c : idx.columns()) {
        ic.add(new IndexColumn(c.name(), newOffset[c.offset()], c.length()));
      }
      indices.add(withColumns(idx, ic));
    }
    return t.toBuilder().columns(renumbered).indices(indices).build();
  }
}
