package io.tidb.cdc.sim.cdc;

import com.google.protobuf.ByteString;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.sim.mvcc.KeyState;
import io.tidb.cdc.sim.mvcc.Lock;
import io.tidb.cdc.sim.mvcc.MvccStore;
import io.tidb.cdc.sim.mvcc.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The initial scan of a new subscription over a snapshot taken when it registered: for each key in
 * the observed range, a PREWRITE row for its lock (whatever its ts, as TiKV's delta scanner reports
 * every lock) and COMMITTED rows for puts and deletes committed after the checkpoint (newest first,
 * as TiKV's write CF order yields them); then INITIALIZED. Live events of the subscription already
 * flow meanwhile, interleaved with these rows, as in TiKV.
 */
final class IncrementalScan implements Runnable {
  private final Downstream downstream;
  private final List<Map.Entry<ByteString, KeyState>> snapshot;
  private final long backlogLimit;

  IncrementalScan(
      Downstream downstream, List<Map.Entry<ByteString, KeyState>> snapshot, long backlogLimit) {
    this.downstream = downstream;
    this.snapshot = snapshot;
    this.backlogLimit = backlogLimit;
  }

  @Override
  public void run() {
    try {
      scan();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void scan() throws InterruptedException {
    long checkpoint = downstream.checkpointTs();
    boolean old = downstream.wantsOldValue();
    ObservedRange range = downstream.range();
    List<Cdcpb.Event.Row> batch = new ArrayList<>();
    int bytes = 0;
    for (Map.Entry<ByteString, KeyState> e : snapshot) {
      ByteString key = e.getKey();
      if (!range.contains(key)) {
        continue;
      }
      KeyState state = e.getValue();
      Lock lock = state.lock();
      if (lock != null) {
        Cdcpb.Event.Row row =
            EventRows.prewrite(key, lock, old ? MvccStore.oldValue(state, lock.startTs()) : null);
        batch.add(row);
        bytes += row.getSerializedSize();
      }
      for (int i = 0; i < state.writeCount(); i++) {
        Write w = state.write(i);
        if (w.commitTs() <= checkpoint) {
          break;
        }
        if (w.isDataChange()) {
          Cdcpb.Event.Row row =
              EventRows.committed(key, w, old ? MvccStore.oldValue(state, w.startTs()) : null);
          batch.add(row);
          bytes += row.getSerializedSize();
        }
      }
      if (bytes >= EventRows.MAX_ENTRIES_BYTES) {
        if (!flush(batch)) {
          return;
        }
        batch = new ArrayList<>();
        bytes = 0;
      }
    }
    if (!batch.isEmpty() && !flush(batch)) {
      return;
    }
    downstream.initialized();
  }

  private boolean flush(List<Cdcpb.Event.Row> rows) throws InterruptedException {
    downstream.conn().awaitBacklogBelow(backlogLimit);
    for (Cdcpb.Event.Entries entries : EventRows.chunk(rows)) {
      Cdcpb.Event event =
          Cdcpb.Event.newBuilder()
              .setRegionId(downstream.regionId())
              .setRequestId(downstream.requestId())
              .setEntries(entries)
              .build();
      if (!downstream.send(event)) {
        return false;
      }
    }
    return true;
  }
}
