package io.tidb.cdc.sim.cdc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.tidb.cdc.kvproto.Cdcpb;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One EventFeed stream: its subscriptions and its outbound queue. Producers (transaction steps,
 * incremental scans, resolved ts, errors) enqueue from any thread; one drain task at a time writes
 * to gRPC, packing queued events into ChangeDataEvents of about 1 MiB, and pauses while the
 * transport is not ready (gRPC flow control).
 */
final class FeedConnection {
  private static final AtomicLong IDS = new AtomicLong();
  private static final int MAX_MESSAGE_BYTES = 1 << 20;

  /** An event or a batched resolved ts, in stream order. */
  private record Outbound(Cdcpb.Event event, Cdcpb.ResolvedTs resolved, int bytes) {}

  /** Subscription key: TiKV keys by region, or by (region, request) with stream multiplexing. */
  record SubKey(long regionId, long requestId) {}

  private final long id = IDS.incrementAndGet();
  private final long storeId;
  private final ServerCallStreamObserver<Cdcpb.ChangeDataEvent> out;
  private final Executor executor;
  private final String featuresHeader;
  private final Queue<Outbound> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicLong pendingBytes = new AtomicLong();
  private final Map<SubKey, Downstream> downstreams = new ConcurrentHashMap<>();
  private volatile FeedFeatures features;
  private volatile Status terminal;
  private boolean terminated; // touched by the drain task only

  FeedConnection(
      long storeId,
      ServerCallStreamObserver<Cdcpb.ChangeDataEvent> out,
      Executor executor,
      String featuresHeader,
      Runnable onCancel) {
    this.storeId = storeId;
    this.out = out;
    this.executor = executor;
    this.featuresHeader = featuresHeader;
    out.setOnReadyHandler(this::signal);
    // With a cancel handler set, gRPC drops late writes instead of throwing at the producer.
    out.setOnCancelHandler(
        () -> {
          terminal = Status.CANCELLED;
          onCancel.run();
        });
  }

  long id() {
    return id;
  }

  long storeId() {
    return storeId;
  }

  /** Negotiated features, or null before the first request. */
  FeedFeatures features() {
    return features;
  }

  /**
   * Sets the features from the version of a request; returns false if the stream already runs with
   * another version (TiKV refuses mixing versions on one connection).
   */
  synchronized boolean negotiate(String ticdcVersion) {
    if (features == null) {
      features = FeedFeatures.negotiate(ticdcVersion, featuresHeader);
      return true;
    }
    return features.version().equals(ticdcVersion);
  }

  SubKey keyOf(long regionId, long requestId) {
    return new SubKey(regionId, features.streamMultiplexing() ? requestId : 0);
  }

  Map<SubKey, Downstream> downstreams() {
    return downstreams;
  }

  boolean isClosed() {
    return terminal != null;
  }

  long pendingBytes() {
    return pendingBytes.get();
  }

  void enqueue(Cdcpb.Event event) {
    push(new Outbound(event, null, event.getSerializedSize()));
  }

  void enqueue(Cdcpb.ResolvedTs resolved) {
    push(new Outbound(null, resolved, resolved.getSerializedSize()));
  }

  /**
   * Blocks the caller (an incremental scan) while more than {@code limit} bytes wait to be sent.
   */
  void awaitBacklogBelow(long limit) throws InterruptedException {
    while (pendingBytes.get() > limit && terminal == null) {
      Thread.sleep(1);
    }
  }

  /** Ends the stream with {@code status} (OK: completes it) after nothing more is sent. */
  void close(Status status) {
    if (terminal == null) {
      terminal = status;
      signal();
    }
  }

  private void push(Outbound o) {
    if (terminal != null) {
      return;
    }
    pendingBytes.addAndGet(o.bytes());
    queue.add(o);
    signal();
  }

  private void signal() {
    if (wip.getAndIncrement() == 0) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    int missed = 1;
    while (true) {
      try {
        drainOnce();
      } catch (RuntimeException e) {
        // The call was cancelled under us: nothing more can be sent.
        terminal = Status.CANCELLED.withCause(e);
        terminated = true;
        queue.clear();
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }

  private void drainOnce() {
    if (terminated) {
      queue.clear();
      return;
    }
    Status end = terminal;
    if (end != null) {
      terminated = true;
      queue.clear();
      if (end.isOk()) {
        out.onCompleted();
      } else {
        out.onError(end.asRuntimeException());
      }
      return;
    }
    while (terminal == null && out.isReady()) {
      Outbound first = queue.poll();
      if (first == null) {
        return;
      }
      Cdcpb.ChangeDataEvent.Builder msg = Cdcpb.ChangeDataEvent.newBuilder();
      long sent = first.bytes();
      if (first.resolved() != null) {
        msg.setResolvedTs(first.resolved());
      } else {
        msg.addEvents(first.event());
        int bytes = first.bytes();
        Outbound next;
        while ((next = queue.peek()) != null
            && next.event() != null
            && bytes + next.bytes() <= MAX_MESSAGE_BYTES) {
          queue.poll();
          msg.addEvents(next.event());
          bytes += next.bytes();
          sent += next.bytes();
        }
      }
      out.onNext(msg.build());
      pendingBytes.addAndGet(-sent);
    }
    if (terminal != null) {
      drainOnce();
    }
  }
}
