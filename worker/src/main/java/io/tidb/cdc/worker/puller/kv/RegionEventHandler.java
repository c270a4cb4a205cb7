package io.tidb.cdc.worker.puller.kv;

import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.matcher.MatchException;
import io.tidb.cdc.worker.puller.PullerException;
import io.tidb.cdc.worker.puller.PullerMetrics;
import io.tidb.cdc.worker.puller.RegionErrorKind;
import io.tidb.cdc.worker.puller.pd.RegionInfo;
import io.tidb.cdc.worker.puller.region.RegionCache;
import io.tidb.cdc.worker.puller.retry.Backoff;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker does with a region's events: match rows, forward resolved ts to the span frontier,
 * and turn region errors into a retry as TiCDC does — NotLeader: the same region on the hinted
 * leader; EpochNotMatch, RegionNotFound and the rest: reload the range from PD; both from the
 * resolved ts the failed attempt reached (it unlocks its range with it). Runs on the span's worker
 * thread only.
 */
final class RegionEventHandler implements RegionState.RowSink {
  /** Schedules region attempts (the {@link RegionScheduler}). */
  interface Retrier {
    void subscribeRange(SpanState span, KeySpan range, int attempt, long delayMillis);

    void subscribeRegion(
        SpanState span, RegionInfo region, KeySpan range, int attempt, long delayMillis);
  }

  private static final Logger LOG = LoggerFactory.getLogger(RegionEventHandler.class);

  private final PullerMetrics metrics;
  private final Backoff backoff;
  private final RegionCache cache;
  private final Retrier retrier;

  RegionEventHandler(PullerMetrics metrics, Backoff backoff, RegionCache cache, Retrier retrier) {
    this.metrics = metrics;
    this.backoff = backoff;
    this.cache = cache;
    this.retrier = retrier;
  }

  // Event.resolved_ts is deprecated but still sent per region to clients TiKV thinks are old.
  @SuppressWarnings("deprecation")
  void onEvent(RegionState s, Cdcpb.Event event) {
    if (s.done) {
      metrics.staleEventDropped();
      return;
    }
    switch (event.getEventCase()) {
      case ENTRIES -> onEntries(s, event.getEntries());
      case ERROR -> onError(s, event.getError());
      case RESOLVED_TS -> onResolved(s, event.getResolvedTs());
      default -> {
        // Admin and long-transaction events carry nothing the puller needs.
      }
    }
  }

  void onResolved(RegionState s, long ts) {
    if (s.done) {
      return;
    }
    OptionalLong advanced = s.matcher().onResolvedTs(ts);
    if (advanced.isPresent()) {
      s.span.advance(s.regionId(), s.region.version(), s.range, advanced.getAsLong());
    }
  }

  @Override
  public void deliver(RegionState s, RawKvEvent event) {
    if (s.done) {
      return;
    }
    if (!s.range.contains(event.key())) {
      // A store that ignores the requested key range sends the whole region.
      return;
    }
    metrics.rowDelivered();
    s.span.deliver(event);
  }

  private void onEntries(RegionState s, Cdcpb.Event.Entries entries) {
    boolean wasInitialized = s.matcher().isInitialized();
    try {
      s.matcher().onEntries(entries);
    } catch (MatchException e) {
      fail(s, RegionErrorKind.PROTOCOL_VIOLATION, e.getMessage(), Optional.empty());
      return;
    }
    if (!wasInitialized && s.matcher().isInitialized() && !s.done) {
      metrics.regionInitialized();
      // The region now covers its range in the frontier (a hole until now), at its checkpoint.
      s.span.advance(s.regionId(), s.region.version(), s.range, s.matcher().resolvedTs());
    }
  }

  private void onError(RegionState s, Cdcpb.Error error) {
    if (error.hasNotLeader()) {
      long store = error.getNotLeader().getLeader().getStoreId();
      Optional<RegionInfo> next = store == 0 ? Optional.empty() : s.region.withLeaderOn(store);
      next.ifPresent(r -> cache.updateLeader(s.region, store));
      fail(s, RegionErrorKind.NOT_LEADER, "not leader, new leader on store " + store, next);
    } else if (error.hasEpochNotMatch()) {
      fail(s, RegionErrorKind.EPOCH_NOT_MATCH, "epoch not match", Optional.empty());
    } else if (error.hasRegionNotFound()) {
      fail(s, RegionErrorKind.REGION_NOT_FOUND, "region not found", Optional.empty());
    } else if (error.hasDuplicateRequest()) {
      fail(s, RegionErrorKind.DUPLICATE_REQUEST, "duplicate request", Optional.empty());
    } else if (error.hasCompatibility()) {
      fail(
          s,
          RegionErrorKind.COMPATIBILITY,
          "TiKV requires version " + error.getCompatibility().getRequiredVersion(),
          Optional.empty());
    } else if (error.hasClusterIdMismatch()) {
      fail(
          s,
          RegionErrorKind.CLUSTER_ID_MISMATCH,
          "TiKV cluster id "
              + error.getClusterIdMismatch().getCurrent()
              + " but the request carried "
              + error.getClusterIdMismatch().getRequest(),
          Optional.empty());
    } else {
      fail(s, RegionErrorKind.REGION_NOT_FOUND, "unknown region error " + error, Optional.empty());
    }
  }

  /**
   * Ends the attempt: unlocks its range at the resolved ts it reached, turns the range into a
   * frontier hole, and schedules the next attempt (on {@code retryOn} if given, else on whatever PD
   * says covers the range) after a back-off that grows while attempts keep failing before
   * INITIALIZED.
   */
  void fail(RegionState s, RegionErrorKind kind, String reason, Optional<RegionInfo> retryOn) {
    if (s.done) {
      return;
    }
    retire(s);
    SpanState span = s.span;
    long resumeTs = s.matcher().resolvedTs();
    span.frontier.markHole(s.range);
    span.lock.unlock(s.range, s.regionId(), resumeTs);
    metrics.regionError(kind);
    if (span.isClosed()) {
      return;
    }
    if (kind.isFatal()) {
      span.fail(new PullerException(kind, s + ": " + reason));
      return;
    }
    int next = s.matcher().isInitialized() ? 0 : s.attempt + 1;
    long delay = delayFor(kind, next);
    LOG.info(
        "{} of {} failed: {} ({}); re-subscribing from ts {} in {} ms",
        s,
        span,
        kind,
        reason,
        resumeTs,
        delay);
    if (retryOn.isPresent()) {
      retrier.subscribeRegion(span, retryOn.get(), s.range, next, delay);
    } else {
      cache.invalidate(s.range);
      retrier.subscribeRange(span, s.range, next, delay);
    }
  }

  /** Stops the attempt without a retry (its span closed, or it is being replaced). */
  void retire(RegionState s) {
    s.done = true;
    FeedStream stream = s.stream;
    if (stream != null) {
      stream.unregister(s);
    }
    s.span.removeLive(s);
    s.matcher().close();
  }

  /** NotLeader and EpochNotMatch retry at once the first time (TiCDC does); the rest back off. */
  long delayFor(RegionErrorKind kind, int attempt) {
    boolean immediate =
        kind == RegionErrorKind.NOT_LEADER || kind == RegionErrorKind.EPOCH_NOT_MATCH;
    if (immediate && attempt <= 1) {
      return 0;
    }
    return backoff.delayMillis(attempt);
  }
}
