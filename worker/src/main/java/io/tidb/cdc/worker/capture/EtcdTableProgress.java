package io.tidb.cdc.worker.capture;

import io.tidb.cdc.coord.ChangefeedKeys;
import io.tidb.cdc.coord.TableList;
import io.tidb.cdc.coord.TablePosition;
import io.tidb.cdc.worker.pipeline.TableProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * The maintainer's view of tables in capture mode: the table list is published under {@code tables}
 * for the operator to place (fenced by the maintainer key), the barrier is kept for the next
 * progress write, and table checkpoints are the positions the owners wrote, read from the mirror.
 */
final class EtcdTableProgress implements TableProgress {
  private final EtcdMirror mirror;
  private final ChangefeedKeys keys;
  private final MaintainerFence fence;
  private volatile long barrierTs;

  /** Writes the maintainer's keys only while it still holds the maintainer key. */
  interface MaintainerFence {
    void put(String key, Object value);
  }

  EtcdTableProgress(EtcdMirror mirror, ChangefeedKeys keys, MaintainerFence fence) {
    this.mirror = mirror;
    this.keys = keys;
    this.fence = fence;
  }

  @Override
  public void setTables(SortedMap<Long, String> tables, long fromTs) {
    List<TableList.Table> list = new ArrayList<>();
    tables.forEach((id, name) -> list.add(new TableList.Table(id, name)));
    fence.put(keys.tables(), new TableList(fromTs, list));
  }

  @Override
  public void setBarrier(long ts) {
    if (ts > barrierTs) {
      barrierTs = ts;
    }
  }

  long barrierTs() {
    return barrierTs;
  }

  @Override
  public OptionalLong checkpointTs(long tableId) {
    return mirror
        .decode(keys.position(tableId), TablePosition.class)
        .map(p -> OptionalLong.of(p.checkpointTs()))
        .orElse(OptionalLong.empty());
  }

  @Override
  public OptionalLong resolvedTs(long tableId) {
    return mirror
        .decode(keys.position(tableId), TablePosition.class)
        .map(p -> OptionalLong.of(p.resolvedTs()))
        .orElse(OptionalLong.empty());
  }
}
