package io.tidb.cdc.sim.cdc;

import com.google.protobuf.ByteString;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.mvcc.Applied;
import io.tidb.cdc.sim.mvcc.MvccStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one apply batch of a region into events for the region's subscriptions: PREWRITE rows (with
 * old values for those who asked), COMMIT and ROLLBACK rows, as TiKV's delegate does. Rows are
 * built once per variant and shared by every subscription of the region.
 */
final class LiveEvents {
  private final long streamQuotaBytes;

  LiveEvents(long streamQuotaBytes) {
    this.streamQuotaBytes = streamQuotaBytes;
  }

  /**
   * Sends the batch to every subscription of {@code feed}; congested subscriptions are stopped and
   * handed to {@code onCongested}.
   */
  void dispatch(
      RegionFeed feed, List<? extends Applied> changes, Consumer<Downstream> onCongested) {
    List<Downstream> downstreams = feed.downstreams();
    if (downstreams.isEmpty()) {
      return;
    }
    Region region = feed.region();
    long index = feed.nextIndex();
    List<Cdcpb.Event.Entries> plain = null;
    List<Cdcpb.Event.Entries> withOld = null;
    for (Downstream d : downstreams) {
      if (d.conn().pendingBytes() > streamQuotaBytes) {
        // TiKV's sink is congested: the subscription ends, and this error is the one that
        // generation of TiKV reports for it (any non-leader, non-epoch error).
        if (d.stop(EventFeedErrors.regionNotFound(region.id()))) {
          onCongested.accept(d);
        }
        continue;
      }
      List<Cdcpb.Event.Entries> entries;
      if (!d.range().isWholeRegion()) {
        entries = EventRows.chunk(rows(changes, d.wantsOldValue(), d.range()));
      } else if (d.wantsOldValue()) {
        entries =
            withOld != null ? withOld : (withOld = EventRows.chunk(rows(changes, true, null)));
      } else {
        entries = plain != null ? plain : (plain = EventRows.chunk(rows(changes, false, null)));
      }
      for (Cdcpb.Event.Entries e : entries) {
        Cdcpb.Event event =
            Cdcpb.Event.newBuilder()
                .setRegionId(region.id())
                .setIndex(index)
                .setRequestId(d.requestId())
                .setEntries(e)
                .build();
        if (!d.send(event)) {
          break;
        }
      }
    }
  }

  private List<Cdcpb.Event.Row> rows(
      List<? extends Applied> changes, boolean oldValue, ObservedRange range) {
    List<Cdcpb.Event.Row> rows = new ArrayList<>(changes.size());
    for (Applied a : changes) {
      if (range != null && !range.contains(a.key())) {
        continue;
      }
      if (a instanceof Applied.Prewritten p) {
        ByteString old = oldValue ? MvccStore.oldValue(p.state(), p.startTs()) : null;
        rows.add(EventRows.prewrite(p.key(), p.lock(), old));
      } else if (a instanceof Applied.Committed c) {
        rows.add(EventRows.commit(c.key(), c.write()));
      } else {
        rows.add(EventRows.rollback(a.key(), a.startTs()));
      }
    }
    return rows;
  }
}
