package io.tidb.cdc.worker.puller.kv;

import io.tidb.cdc.kvproto.Cdcpb;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of one inbound EventFeed message, grouped by the worker that owns their spans, so each
 * worker gets one task per message and sees a region's events in stream order.
 */
final class Dispatch {
  /** An event of a region, or (event null) a resolved ts for it. */
  private record Item(RegionState state, Cdcpb.Event event, long resolvedTs) {}

  /** What one worker gets. */
  private static final class Batch implements Runnable {
    final EventWorker worker;
    final List<Item> items = new ArrayList<>();
    final FeedStream stream;
    final RegionEventHandler handler;
    long bytes;

    Batch(EventWorker worker, FeedStream stream, RegionEventHandler handler) {
      this.worker = worker;
      this.stream = stream;
      this.handler = handler;
    }

    @Override
    public void run() {
      try {
        for (Item it : items) {
          if (it.event != null) {
            handler.onEvent(it.state, it.event);
          } else {
            handler.onResolved(it.state, it.resolvedTs);
          }
        }
      } finally {
        stream.release(bytes);
      }
    }
  }

  private final FeedStream stream;
  private final RegionEventHandler handler;
  private final List<Batch> batches = new ArrayList<>(2);

  Dispatch(FeedStream stream, RegionEventHandler handler) {
    this.stream = stream;
    this.handler = handler;
  }

  void event(RegionState s, Cdcpb.Event event) {
    batchOf(s.span.worker).items.add(new Item(s, event, 0));
  }

  void resolved(RegionState s, long ts) {
    batchOf(s.span.worker).items.add(new Item(s, null, ts));
  }

  /** Hands the batches to their workers; the message's {@code bytes} are split among them. */
  void submit(long bytes) {
    if (batches.isEmpty()) {
      stream.release(bytes);
      return;
    }
    long share = bytes / batches.size();
    for (int i = 0; i < batches.size(); i++) {
      Batch b = batches.get(i);
      b.bytes = i == batches.size() - 1 ? bytes - share * (batches.size() - 1) : share;
      b.worker.execute(b);
    }
  }

  private Batch batchOf(EventWorker worker) {
    for (Batch b : batches) {
      if (b.worker == worker) {
        return b;
      }
    }
    Batch b = new Batch(worker, stream, handler);
    batches.add(b);
    return b;
  }
}
