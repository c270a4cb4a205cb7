package io.tidb.cdc.worker.puller.kv;

import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.event.ResolvedTsEvent;
import io.tidb.cdc.worker.frontier.SpanFrontier;
import io.tidb.cdc.worker.puller.PullerException;
import io.tidb.cdc.worker.puller.SpanConsumer;
import io.tidb.cdc.worker.puller.Subscription;
import io.tidb.cdc.worker.puller.region.RangeLock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscribed span: its consumer, its worker, its range lock and its frontier. The frontier and
 * the consumer calls belong to the worker thread; the range lock and the set of live region
 * attempts are shared with the scheduler under their own locks.
 */
final class SpanState implements Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(SpanState.class);

  final long id;
  final KeySpan span;
  final long startTs;
  final EventWorker worker;
  final RangeLock lock;

  /** Worker thread only. */
  final SpanFrontier frontier;

  private final SpanConsumer consumer;
  private final Consumer<SpanState> cleanup;
  private final Set<RegionState> live = new HashSet<>(); // guarded by this
  private volatile boolean closed;
  private volatile long resolvedTs;

  /**
   * @param cleanup run on the worker after the span closed: retires its live region attempts
   */
  SpanState(
      long id,
      KeySpan span,
      long startTs,
      SpanConsumer consumer,
      EventWorker worker,
      Consumer<SpanState> cleanup) {
    this.id = id;
    this.span = span;
    this.startTs = startTs;
    this.consumer = consumer;
    this.worker = worker;
    this.cleanup = cleanup;
    this.lock = new RangeLock(span, startTs);
    this.frontier = new SpanFrontier(span, startTs);
    this.resolvedTs = startTs;
  }

  @Override
  public KeySpan span() {
    return span;
  }

  @Override
  public long startTs() {
    return startTs;
  }

  @Override
  public long resolvedTs() {
    return resolvedTs;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (!markClosed()) {
      return;
    }
    if (worker.isCurrentThread()) {
      worker.execute(() -> cleanup.accept(this));
    } else {
      worker.runAndWait(() -> cleanup.accept(this));
    }
  }

  /** Marks the span closed; returns false if it already was. */
  synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  /** Adds a region attempt unless the span is closed. */
  synchronized boolean addLive(RegionState s) {
    if (closed) {
      return false;
    }
    live.add(s);
    return true;
  }

  synchronized void removeLive(RegionState s) {
    live.remove(s);
  }

  synchronized List<RegionState> drainLive() {
    List<RegionState> out = new ArrayList<>(live);
    live.clear();
    return out;
  }

  synchronized int liveCount() {
    return live.size();
  }

  /** Worker thread: hands a row to the consumer. */
  void deliver(RawKvEvent event) {
    if (closed) {
      return;
    }
    try {
      consumer.onEvent(event);
    } catch (RuntimeException e) {
      fail(new PullerException(null, "consumer of span " + span + " failed on an event", e));
    }
  }

  /**
   * Worker thread: region {@code regionId} at {@code version} covering {@code range} is resolved to
   * {@code ts}; tells the consumer when the span's resolved ts advances.
   */
  void advance(long regionId, long version, KeySpan range, long ts) {
    long r = frontier.forward(regionId, version, range, ts);
    if (r > resolvedTs && !closed) {
      resolvedTs = r;
      try {
        consumer.onResolved(new ResolvedTsEvent(span, r));
      } catch (RuntimeException e) {
        fail(new PullerException(null, "consumer of span " + span + " failed on resolved ts", e));
      }
    }
  }

  /** Worker thread: ends the span on an error it cannot recover from. */
  void fail(PullerException error) {
    if (!markClosed()) {
      return;
    }
    LOG.error("subscription of span {} failed: {}", span, error.getMessage(), error);
    try {
      consumer.onFailure(error);
    } catch (RuntimeException e) {
      LOG.warn("consumer of span {} failed in onFailure", span, e);
    }
    worker.execute(() -> cleanup.accept(this));
  }

  @Override
  public String toString() {
    return "span " + id + " " + span;
  }
}
