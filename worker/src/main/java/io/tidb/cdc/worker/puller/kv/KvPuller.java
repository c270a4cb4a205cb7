package io.tidb.cdc.worker.puller.kv;

import io.grpc.Status;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.matcher.MatcherConfig;
import io.tidb.cdc.worker.matcher.SnapshotReader;
import io.tidb.cdc.worker.puller.Puller;
import io.tidb.cdc.worker.puller.PullerConfig;
import io.tidb.cdc.worker.puller.PullerException;
import io.tidb.cdc.worker.puller.RegionErrorKind;
import io.tidb.cdc.worker.puller.SpanConsumer;
import io.tidb.cdc.worker.puller.Subscription;
import io.tidb.cdc.worker.puller.pd.PdClient;
import io.tidb.cdc.worker.puller.region.RegionCache;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Puller} over TiKV's EventFeed, built as TiCDC's puller is: regions from PD, one gRPC
 * channel and one multiplexed EventFeed stream per store, a range lock per span, a Percolator
 * matcher per region attempt, and region errors retried with back-off.
 *
 * <p>Threads: one scheduler thread (PD lookups, range locks, requests), {@link
 * PullerConfig#workerThreads()} worker threads (each span is pinned to one; its matching, frontier
 * and consumer calls run there), and gRPC's own threads, which only split inbound messages by
 * worker. {@link #close()} ends all of them.
 */
public final class KvPuller implements Puller {
  /** The TiCDC version this client presents to TiKV (batched resolved ts, cluster id checks). */
  public static final String CLIENT_VERSION = "8.5.0";

  /** Regions asked of PD per ScanRegions call. */
  static final int SCAN_LIMIT = 256;

  private final PdClient pd;
  private final PullerConfig config;
  private final RegionCache cache;
  private final EventWorker[] workers;
  private final RegionScheduler scheduler;
  private final RegionEventHandler handler;
  private final StoreConnections connections;
  private final KvSnapshotReader snapshotReader;
  private final Map<Long, SpanState> spans = new ConcurrentHashMap<>();
  private final AtomicLong spanIds = new AtomicLong();
  private volatile boolean closed;

  private KvPuller(PdClient pd, PullerConfig config) {
    this.pd = pd;
    this.config = config;
    this.cache = new RegionCache(pd, SCAN_LIMIT);
    this.workers = new EventWorker[config.workerThreads()];
    this.scheduler =
        new RegionScheduler(cache, config.metrics(), config.regionBackoff(), pd.clusterId());
    this.handler =
        new RegionEventHandler(config.metrics(), config.regionBackoff(), cache, scheduler);
    this.connections =
        new StoreConnections(
            cache, pd.channelSecurity(), config.metrics(), config.streamBufferBytes());
    this.snapshotReader =
        new KvSnapshotReader(
            cache, connections, config.regionBackoff(), config.rpcTimeout(), config.metrics());
  }

  /**
   * Starts a puller that asks {@code pd} for regions and stores. The caller keeps owning {@code pd}
   * and closes it after the puller.
   */
  public static KvPuller start(PdClient pd, PullerConfig config) {
    Objects.requireNonNull(pd, "pd");
    Objects.requireNonNull(config, "config");
    KvPuller p = new KvPuller(pd, config);
    p.wire();
    return p;
  }

  private void wire() {
    RegionEventHandler h = handler;
    connections.bind(
        h,
        (stream, status, orphans) -> {
          for (RegionState s : orphans) {
            s.span.worker.execute(
                () -> h.fail(s, RegionErrorKind.STREAM_BROKEN, describe(status), Optional.empty()));
          }
        });
    scheduler.start(
        new RegionScheduler.Wiring(
            connections,
            h,
            new MatcherConfig(config.matcherQuota(), snapshotReader, config.oldValueMode())));
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new EventWorker("ticdc-puller-worker-" + i, this::failSpansOf);
    }
  }

  private void failSpansOf(EventWorker worker, Throwable cause) {
    for (SpanState s : spans.values()) {
      if (s.worker == worker) {
        s.fail(
            new PullerException(
                null, "the puller thread serving span " + s.span + " failed: " + cause, cause));
      }
    }
  }

  @Override
  public Subscription subscribe(KeySpan span, long startTs, SpanConsumer consumer) {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(consumer, "consumer");
    if (span.isEmpty()) {
      throw new IllegalArgumentException("cannot subscribe the empty span " + span);
    }
    if (startTs < 0) {
      throw new IllegalArgumentException("start ts must fit in 63 bits, got " + startTs);
    }
    if (closed) {
      throw new IllegalStateException("puller is closed");
    }
    long id = spanIds.incrementAndGet();
    EventWorker worker = workers[(int) (id % workers.length)];
    SpanState s = new SpanState(id, span, startTs, consumer, worker, this::cleanup);
    spans.put(id, s);
    scheduler.subscribeRange(s, span, 0, 0);
    return s;
  }

  /** Reads values at a ts through TiKV; the matcher uses it for evicted prewrites. */
  public SnapshotReader snapshotReader() {
    return snapshotReader;
  }

  /** Snapshot reads done so far (rows whose prewrite the matcher evicted, and old values). */
  public long snapshotReads() {
    return snapshotReader.reads();
  }

  /** The cluster id PD reported. */
  public long clusterId() {
    return pd.clusterId();
  }

  /** Spans subscribed and not closed. */
  public int spanCount() {
    return spans.size();
  }

  /** EventFeed streams open now. */
  public int openStreams() {
    return connections.openStreams();
  }

  /** Region attempts in flight over every span (sent or being sent). */
  public int liveRegions() {
    int n = 0;
    for (SpanState s : spans.values()) {
      n += s.liveCount();
    }
    return n;
  }

  /** Runs on the span's worker once it closed: retires its region attempts. */
  private void cleanup(SpanState span) {
    for (RegionState r : span.drainLive()) {
      handler.retire(r);
    }
    spans.remove(span.id, span);
    connections.closeIdleStreams();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.close();
    List<SpanState> all = List.copyOf(spans.values());
    all.forEach(SpanState::markClosed);
    connections.close();
    for (EventWorker w : workers) {
      w.stop();
    }
    // Workers have ended: what they owned can be released from here.
    for (SpanState s : all) {
      for (RegionState r : s.drainLive()) {
        r.matcher().close();
      }
    }
    spans.clear();
  }

  private static String describe(Status status) {
    return status.getCode()
        + (status.getDescription() == null ? "" : " " + status.getDescription());
  }
}
