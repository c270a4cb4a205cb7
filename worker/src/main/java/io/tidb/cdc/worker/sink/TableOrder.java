package io.tidb.cdc.worker.sink;

import io.tidb.cdc.worker.mounter.RowChange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that each table's rows arrive in commit order, as {@link Sink#write} requires; a sink that
 * silently took rows out of order would break per-key order downstream. Not thread-safe.
 */
public final class TableOrder {
  private final String sinkName;
  private final Map<Long, Long> lastCommitTs = new HashMap<>();

  public TableOrder(String sinkName) {
    this.sinkName = sinkName;
  }

  /**
   * Records {@code rows}, all or none.
   *
   * @throws SinkException when a row has a lower commit ts than its table's previous row
   */
  public void accept(List<RowChange> rows) {
    Map<Long, Long> seen = new HashMap<>();
    for (RowChange row : rows) {
      Long last =
          seen.containsKey(row.physicalTableId())
              ? seen.get(row.physicalTableId())
              : lastCommitTs.get(row.physicalTableId());
      if (last != null && Long.compareUnsigned(row.commitTs(), last) < 0) {
        throw new SinkException(
            sinkName
                + ": rows of table "
                + row.table().qualifiedName()
                + " (physical id "
                + row.physicalTableId()
                + ") went back in commit order: "
                + row.commitTs()
                + " after "
                + last);
      }
      seen.put(row.physicalTableId(), row.commitTs());
    }
    lastCommitTs.putAll(seen);
  }

  public void forget(long physicalTableId) {
    lastCommitTs.remove(physicalTableId);
  }
}
