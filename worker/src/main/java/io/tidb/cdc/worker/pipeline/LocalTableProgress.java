package io.tidb.cdc.worker.pipeline;

import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Standalone placement: every table of the changefeed runs in this process's {@link TableOwner}.
 */
public final class LocalTableProgress implements TableProgress {
  private final TableOwner owner;

  public LocalTableProgress(TableOwner owner) {
    this.owner = owner;
  }

  @Override
  public void setTables(SortedMap<Long, String> tables, long fromTs) {
    for (long id : new TreeSet<>(owner.tableIds())) {
      if (!tables.containsKey(id)) {
        owner.removeTable(id);
      }
    }
    tables.forEach(
        (id, name) -> {
          if (!owner.owns(id)) {
            owner.addTable(id, name, fromTs);
          }
        });
  }

  @Override
  public void setBarrier(long barrierTs) {
    owner.setBarrier(barrierTs);
  }

  @Override
  public OptionalLong checkpointTs(long tableId) {
    return owner.checkpointTs(tableId);
  }

  @Override
  public OptionalLong resolvedTs(long tableId) {
    return owner.resolvedTs(tableId);
  }
}
