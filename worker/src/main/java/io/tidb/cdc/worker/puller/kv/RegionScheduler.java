package io.tidb.cdc.worker.puller.kv;

import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.matcher.MatcherConfig;
import io.tidb.cdc.worker.puller.PullerMetrics;
import io.tidb.cdc.worker.puller.RegionErrorKind;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.puller.pd.RegionInfo;
import io.tidb.cdc.worker.puller.region.RangeLock;
import io.tidb.cdc.worker.puller.region.RegionCache;
import io.tidb.cdc.worker.puller.retry.Backoff;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control path, on one thread: turns a key range into region subscriptions. For a range it asks
 * the region cache (PD) which regions cover it; for each region it locks the clipped range in the
 * span's range lock, and on success sends a request (with a fresh request id) on the stream of the
 * region's leader store. Failures here back off and retry like region errors do.
 */
final class RegionScheduler implements RegionEventHandler.Retrier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegionScheduler.class);

  /** What the scheduler needs that is built after it. */
  record Wiring(StoreConnections connections, RegionEventHandler handler, MatcherConfig matcher) {}

  private final RegionCache cache;
  private final PullerMetrics metrics;
  private final Backoff backoff;
  private final long clusterId;
  private final ScheduledExecutorService exec;
  private final AtomicLong requestIds = new AtomicLong();
  private volatile Wiring wiring;
  private volatile boolean closed;

  RegionScheduler(RegionCache cache, PullerMetrics metrics, Backoff backoff, long clusterId) {
    this.cache = cache;
    this.metrics = metrics;
    this.backoff = backoff;
    this.clusterId = clusterId;
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "ticdc-puller-scheduler");
              t.setDaemon(true);
              return t;
            });
    e.setRemoveOnCancelPolicy(true);
    this.exec = e;
  }

  void start(Wiring w) {
    this.wiring = w;
  }

  @Override
  public void subscribeRange(SpanState span, KeySpan range, int attempt, long delayMillis) {
    schedule(() -> doRange(span, range, attempt), delayMillis);
  }

  @Override
  public void subscribeRegion(
      SpanState span, RegionInfo region, KeySpan range, int attempt, long delayMillis) {
    schedule(() -> doRegion(span, region, range, attempt), delayMillis);
  }

  private void schedule(Runnable task, long delayMillis) {
    if (closed) {
      return;
    }
    try {
      exec.schedule(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.error("puller scheduler task failed", e);
            }
          },
          delayMillis,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  private void doRange(SpanState span, KeySpan range, int attempt) {
    if (span.isClosed() || closed) {
      return;
    }
    List<RegionInfo> regions;
    try {
      regions = cache.regionsIn(range);
    } catch (PdException e) {
      metrics.regionError(RegionErrorKind.PD_UNAVAILABLE);
      LOG.warn("cannot load regions of {} for {}: {}", range, span, e.getMessage());
      subscribeRange(span, range, attempt + 1, backoff.delayMillis(attempt + 1));
      return;
    }
    Bytes cursor = range.start();
    for (RegionInfo r : regions) {
      Optional<KeySpan> part = r.span().intersect(range);
      if (part.isEmpty()) {
        continue;
      }
      KeySpan p = part.get();
      if (cursor.compareTo(p.start()) < 0) {
        retryGap(span, KeySpan.of(cursor, p.start()), attempt);
      }
      // Lock all the span has of the region, not only the range being retried: after a merge the
      // parents' ranges are retried one by one, and one subscription must cover them all.
      doRegion(span, r, r.span().intersect(span.span).orElse(p), range, attempt);
      if (p.end().isEmpty()) {
        return;
      }
      cursor = p.end();
    }
    if (KeySpan.isBefore(cursor, range.end())) {
      retryGap(span, KeySpan.of(cursor, range.end()), attempt);
    }
  }

  /** PD has no region for the gap yet (a split being reported): look again later. */
  private void retryGap(SpanState span, KeySpan gap, int attempt) {
    metrics.regionError(RegionErrorKind.REGION_NOT_FOUND);
    LOG.info("PD has no region for {} of {} yet; retrying", gap, span);
    cache.invalidate(gap);
    subscribeRange(span, gap, attempt + 1, backoff.delayMillis(attempt + 1));
  }

  private void doRegion(SpanState span, RegionInfo region, KeySpan range, int attempt) {
    doRegion(span, region, range, range, attempt);
  }

  /**
   * Locks {@code range} (the region's part of the span) and subscribes it; {@code wanted} is the
   * part this task must see covered, and only it is looked up again when the region turns out
   * stale.
   */
  private void doRegion(
      SpanState span, RegionInfo region, KeySpan range, KeySpan wanted, int attempt) {
    if (span.isClosed() || closed) {
      return;
    }
    if (!region.hasLeader()) {
      metrics.regionError(RegionErrorKind.NO_LEADER);
      LOG.info("{} has no leader yet; retrying {}", region, wanted);
      cache.invalidate(range);
      subscribeRange(span, wanted, attempt + 1, backoff.delayMillis(attempt + 1));
      return;
    }
    RangeLock.Result res = span.lock.lock(range, region.id(), region.version());
    if (res instanceof RangeLock.Locked locked) {
      send(span, region, range, locked.checkpointTs(), attempt);
    } else if (res instanceof RangeLock.Stale stale) {
      LOG.debug("{} is stale for {}; looking up {} again", region, span, stale.retryRanges());
      for (KeySpan r : stale.retryRanges()) {
        Optional<KeySpan> mine = r.intersect(wanted);
        if (mine.isPresent()) {
          cache.invalidate(mine.get());
          subscribeRange(span, mine.get(), attempt + 1, backoff.delayMillis(attempt));
        }
      }
    } else {
      // Older regions still hold part of the range; their errors are on the way.
      LOG.debug("{} waits for {} in {}", region, res, span);
      schedule(() -> doRegion(span, region, range, wanted, attempt), backoff.ceilingMillis(0));
    }
  }

  private void send(
      SpanState span, RegionInfo region, KeySpan range, long checkpointTs, int attempt) {
    Wiring w = wiring;
    RegionState s =
        RegionState.create(
            span,
            region,
            range,
            requestIds.incrementAndGet(),
            checkpointTs,
            attempt,
            w.matcher(),
            w.handler());
    if (!span.addLive(s)) {
      s.matcher().close();
      span.lock.unlock(range, region.id(), checkpointTs);
      return;
    }
    Cdcpb.ChangeDataRequest request = s.request(clusterId, w.matcher().oldValueMode());
    try {
      for (int i = 0; i < 2; i++) {
        FeedStream stream = w.connections().streamFor(region.leader().storeId());
        if (stream.register(s, request)) {
          metrics.regionRequested();
          LOG.debug("subscribed {} for {}", s, span);
          if (span.isClosed()) {
            // The span closed while we sent: its cleanup may have missed this attempt.
            span.worker.execute(() -> w.handler().retire(s));
          }
          return;
        }
      }
      failOnWorker(s, RegionErrorKind.STREAM_BROKEN, "stream ended while subscribing");
    } catch (PdException e) {
      failOnWorker(s, RegionErrorKind.STORE_UNREACHABLE, e.getMessage());
    }
  }

  private void failOnWorker(RegionState s, RegionErrorKind kind, String reason) {
    s.span.worker.execute(() -> wiring.handler().fail(s, kind, reason, Optional.empty()));
  }

  @Override
  public void close() {
    closed = true;
    exec.shutdownNow();
    try {
      if (!exec.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("puller scheduler did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
