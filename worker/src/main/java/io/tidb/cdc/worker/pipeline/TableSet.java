package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.schema.SchemaSnapshot;
import io.tidb.cdc.worker.schema.TableDef;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which physical tables a changefeed replicates under a schema: every partition or unpartitioned
 * table of a table the filter accepts, that is no view or sequence and has a primary key or a NOT
 * NULL unique key (TiCDC skips the others without {@code force-replicate}). Pure.
 */
public final class TableSet {
  private TableSet() {}

  /** Physical table id → its table, in id order. */
  public static SortedMap<Long, TableDef> of(SchemaSnapshot schema, ChangefeedFilter filter) {
    SortedMap<Long, TableDef> out = new TreeMap<>();
    for (TableDef t : schema.tables()) {
      if (t.isView() || !t.isEligible() || filter.shouldIgnoreTable(t.schemaName(), t.name())) {
        continue;
      }
      for (long id : t.physicalTableIds()) {
        out.put(id, t);
      }
    }
    return out;
  }

  /** What changes from {@code current} to {@code desired}: ids to stop and tables to start. */
  public record Diff(SortedSet<Long> removed, SortedMap<Long, TableDef> added) {}

  public static Diff diff(Set<Long> current, Map<Long, TableDef> desired) {
    SortedSet<Long> removed = new TreeSet<>(current);
    removed.removeAll(desired.keySet());
    SortedMap<Long, TableDef> added = new TreeMap<>(desired);
    added.keySet().removeAll(current);
    return new Diff(removed, added);
  }
}
