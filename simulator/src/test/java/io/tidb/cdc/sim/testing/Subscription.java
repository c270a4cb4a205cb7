package io.tidb.cdc.sim.testing;

import com.google.protobuf.ByteString;
import io.tidb.cdc.kvproto.Cdcpb;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One subscription epoch of the {@link MiniPuller}: a region range subscribed from a checkpoint on
 * one stream, with its Percolator matcher (prewrites held until their commit; commits that arrive
 * before their scanned prewrite wait for INITIALIZED) and a log of what it delivered.
 */
public final class Subscription {
  /** A delivered row ({@code resolved == 0}) or a resolved ts ({@code key == null}). */
  public record Delivered(
      ByteString key, long commitTs, Cdcpb.Event.Row.OpType op, ByteString value, long resolved) {}

  final long requestId;
  final long regionId;
  final long storeId;
  final int streamGen;

  /** Encoded start key, inclusive. */
  public final ByteString start;

  /** Encoded end key, exclusive; empty = +inf. */
  public final ByteString end;

  public final long checkpoint;

  /** Rows (key, commitTs, op, value) and resolved ts in arrival order. */
  public final List<Delivered> log = new ArrayList<>();

  boolean initialized;
  long resolved;
  private final Map<String, Cdcpb.Event.Row> prewrites = new HashMap<>();
  private final List<Cdcpb.Event.Row> earlyCommits = new ArrayList<>();

  Subscription(
      long requestId,
      long regionId,
      long storeId,
      int streamGen,
      ByteString start,
      ByteString end,
      long checkpoint) {
    this.requestId = requestId;
    this.regionId = regionId;
    this.storeId = storeId;
    this.streamGen = streamGen;
    this.start = start;
    this.end = end;
    this.checkpoint = checkpoint;
    this.resolved = checkpoint;
  }

  /** Where a successor subscription of this range starts. */
  long resumeFrom() {
    return Math.max(checkpoint, resolved);
  }

  private static String matchKey(Cdcpb.Event.Row row) {
    return row.getStartTs() + "/" + row.getKey().toStringUtf8();
  }

  void onRow(Cdcpb.Event.Row row, List<String> failures) {
    switch (row.getType()) {
      case PREWRITE -> prewrites.put(matchKey(row), row);
      case COMMITTED -> deliver(row, row.getValue());
      case ROLLBACK -> prewrites.remove(matchKey(row));
      case COMMIT -> {
        Cdcpb.Event.Row pre = prewrites.remove(matchKey(row));
        if (pre != null) {
          deliver(row, pre.getValue());
        } else if (!initialized) {
          earlyCommits.add(row);
        } else {
          failures.add("commit without prewrite in sub " + requestId + ": " + row);
        }
      }
      case INITIALIZED -> {
        initialized = true;
        for (Cdcpb.Event.Row c : earlyCommits) {
          Cdcpb.Event.Row pre = prewrites.remove(matchKey(c));
          if (pre == null) {
            failures.add("early commit never matched in sub " + requestId + ": " + c);
          } else {
            deliver(c, pre.getValue());
          }
        }
        earlyCommits.clear();
      }
      default -> failures.add("unexpected row type " + row.getType());
    }
  }

  private void deliver(Cdcpb.Event.Row row, ByteString value) {
    ByteString v = row.getOpType() == Cdcpb.Event.Row.OpType.DELETE ? ByteString.EMPTY : value;
    log.add(new Delivered(row.getKey(), row.getCommitTs(), row.getOpType(), v, 0));
  }

  void onResolved(long ts, List<String> failures) {
    if (!initialized) {
      // Batched resolved ts names regions, not request ids: with several subscriptions of one
      // region on a stream, a newer one still scanning sees the region's value. Ignore it, as
      // TiCDC ignores resolved ts of uninitialized regions.
      return;
    }
    for (int i = log.size() - 1; i >= 0; i--) {
      if (log.get(i).key() == null) {
        if (ts < log.get(i).resolved()) {
          failures.add(
              "resolved ts moved back in sub "
                  + requestId
                  + ": "
                  + log.get(i).resolved()
                  + " -> "
                  + ts);
        }
        break;
      }
    }
    resolved = Math.max(resolved, ts);
    log.add(new Delivered(null, 0, null, null, ts));
  }
}
