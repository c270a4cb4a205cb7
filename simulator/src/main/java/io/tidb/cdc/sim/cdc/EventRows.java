package io.tidb.cdc.sim.cdc;

import com.google.protobuf.ByteString;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.Cdcpb.Event.LogType;
import io.tidb.cdc.kvproto.Cdcpb.Event.Row.OpType;
import io.tidb.cdc.sim.mvcc.Lock;
import io.tidb.cdc.sim.mvcc.LockOp;
import io.tidb.cdc.sim.mvcc.Write;
import io.tidb.cdc.sim.mvcc.WriteType;
import java.util.ArrayList;
import java.util.List;

/** Builds EventFeed rows the way TiKV's CDC delegate fills them. */
final class EventRows {
  /**
   * TiKV keeps values up to this length in the lock and write records ("short values"); only those
   * travel in a live COMMIT row, longer ones only in the PREWRITE row.
   */
  static final int SHORT_VALUE_MAX_LEN = 255;

  /** Entries of one event are cut at about this size, as TiKV bounds its event batches. */
  static final int MAX_ENTRIES_BYTES = 1 << 20;

  private EventRows() {}

  /** A PREWRITE row (live or from the incremental scan); oldValue null when not asked for. */
  static Cdcpb.Event.Row prewrite(ByteString key, Lock lock, ByteString oldValue) {
    Cdcpb.Event.Row.Builder b =
        Cdcpb.Event.Row.newBuilder()
            .setStartTs(lock.startTs())
            .setType(LogType.PREWRITE)
            .setOpType(lock.op() == LockOp.PUT ? OpType.PUT : OpType.DELETE)
            .setKey(key)
            .setValue(lock.value());
    if (oldValue != null) {
      b.setOldValue(oldValue);
    }
    return b.build();
  }

  /** A live COMMIT row: the value only when TiKV would hold it as a short value. */
  static Cdcpb.Event.Row commit(ByteString key, Write write) {
    Cdcpb.Event.Row.Builder b =
        Cdcpb.Event.Row.newBuilder()
            .setStartTs(write.startTs())
            .setCommitTs(write.commitTs())
            .setType(LogType.COMMIT)
            .setOpType(write.type() == WriteType.PUT ? OpType.PUT : OpType.DELETE)
            .setKey(key);
    if (write.value().size() <= SHORT_VALUE_MAX_LEN) {
      b.setValue(write.value());
    }
    return b.build();
  }

  /** A COMMITTED row of the incremental scan, with its full value. */
  static Cdcpb.Event.Row committed(ByteString key, Write write, ByteString oldValue) {
    Cdcpb.Event.Row.Builder b =
        Cdcpb.Event.Row.newBuilder()
            .setStartTs(write.startTs())
            .setCommitTs(write.commitTs())
            .setType(LogType.COMMITTED)
            .setOpType(write.type() == WriteType.PUT ? OpType.PUT : OpType.DELETE)
            .setKey(key)
            .setValue(write.value());
    if (oldValue != null) {
      b.setOldValue(oldValue);
    }
    return b.build();
  }

  /** A ROLLBACK row: TiKV sends commit_ts 0 and op type UNKNOWN. */
  static Cdcpb.Event.Row rollback(ByteString key, long startTs) {
    return Cdcpb.Event.Row.newBuilder()
        .setStartTs(startTs)
        .setType(LogType.ROLLBACK)
        .setOpType(OpType.UNKNOWN)
        .setKey(key)
        .build();
  }

  static Cdcpb.Event initialized(long regionId, long requestId) {
    return Cdcpb.Event.newBuilder()
        .setRegionId(regionId)
        .setRequestId(requestId)
        .setEntries(
            Cdcpb.Event.Entries.newBuilder()
                .addEntries(Cdcpb.Event.Row.newBuilder().setType(LogType.INITIALIZED)))
        .build();
  }

  /** Cuts rows into entries of at most about {@link #MAX_ENTRIES_BYTES} each. */
  static List<Cdcpb.Event.Entries> chunk(List<Cdcpb.Event.Row> rows) {
    List<Cdcpb.Event.Entries> out = new ArrayList<>(1);
    Cdcpb.Event.Entries.Builder b = Cdcpb.Event.Entries.newBuilder();
    int bytes = 0;
    for (Cdcpb.Event.Row row : rows) {
      int size = row.getSerializedSize() + 4;
      if (bytes > 0 && bytes + size > MAX_ENTRIES_BYTES) {
        out.add(b.build());
        b = Cdcpb.Event.Entries.newBuilder();
        bytes = 0;
      }
      b.addEntries(row);
      bytes += size;
    }
    if (bytes > 0) {
      out.add(b.build());
    }
    return out;
  }
}
