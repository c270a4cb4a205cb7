package io.tidb.cdc.worker.capture;

import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.CaptureInfo;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.DrainRequest;
import io.tidb.cdc.coord.EtcdLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker in capture mode: registers under a lease, mirrors the cluster's etcd prefix, and runs a
 * {@link ChangefeedRunner} for every changefeed with an {@code info} key. {@link #drain()} is the
 * SIGTERM path: write {@code drain/<id>}, wait (bounded) until the operator emptied this capture's
 * assignments and its tables are released, then {@link #close()}.
 */
public final class Capture implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Capture.class);
  private static final String VERSION = "0.1.0";

  /** What the capture does now, for the status endpoint. */
  public record Status(
      String captureId,
      boolean registered,
      List<String> maintainerOf,
      SortedMap<String, Set<Long>> tables) {}

  private final CaptureConfig config;
  private final EtcdLayout layout;
  private final Etcd etcd;
  private final CaptureSession session;
  private final EtcdMirror mirror;
  private final Map<ChangefeedId, ChangefeedRunner> runners = new ConcurrentHashMap<>();
  private final ScheduledExecutorService housekeeping;
  private final CountDownLatch closed = new CountDownLatch(1);

  private Capture(CaptureConfig config) {
    this.config = config;
    this.layout = config.layout();
    this.etcd = new Etcd(config.etcdEndpoints(), config.tls().etcd());
    CaptureInfo info =
        new CaptureInfo(
            config.captureId(), config.advertiseAddress(), VERSION, System.currentTimeMillis());
    this.session = new CaptureSession(etcd, layout, info, config.leaseTtl(), this::onLeaseLost);
    this.mirror = new EtcdMirror(etcd, layout.prefix(), () -> {});
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ticdc-capture-" + config.captureId());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Registers and starts following etcd.
   *
   * @throws IllegalStateException when etcd cannot be reached
   */
  public static Capture start(CaptureConfig config) {
    Capture c = new Capture(config);
    try {
      c.session.register();
      c.mirror.start();
    } catch (RuntimeException e) {
      c.close();
      throw new IllegalStateException("capture " + config.captureId() + ": " + e.getMessage(), e);
    }
    long keep = Math.max(200, config.leaseTtl().toMillis() / 3);
    c.housekeeping.scheduleWithFixedDelay(c::keepAlive, keep, keep, TimeUnit.MILLISECONDS);
    c.housekeeping.scheduleWithFixedDelay(c::syncRunners, 0, 200, TimeUnit.MILLISECONDS);
    LOG.info("capture {} started in cluster {}", config.captureId(), layout(config));
    return c;
  }

  private static String layout(CaptureConfig config) {
    return config.layout().prefix();
  }

  public String captureId() {
    return config.captureId();
  }

  private void keepAlive() {
    try {
      session.keepAlive();
    } catch (RuntimeException e) {
      LOG.warn("capture {}: keep-alive: {}", config.captureId(), e.toString());
    }
  }

  private void onLeaseLost(long lease) {
    runners.values().forEach(ChangefeedRunner::stopNowAndWait);
  }

  /**
   * A revoked or expired lease deletes {@code captures/<me>}: seen in the mirror, ask etcd at once
   * instead of at the next keep-alive (which confirms the loss and stops the tables).
   */
  private void checkRegistration() {
    long lease = session.leaseId();
    if (lease != 0
        && mirror.get(layout.capture(config.captureId())).map(e -> e.lease() != lease).orElse(true)
        && System.currentTimeMillis() - session.registeredAtMillis() > 1000) {
      keepAlive();
    }
  }

  /** Starts a runner per changefeed with an info key; closes those whose info went away. */
  private void syncRunners() {
    checkRegistration();
    try {
      Set<ChangefeedId> present = ConcurrentHashMap.newKeySet();
      for (String key : mirror.under(layout.changefeedsPrefix()).keySet()) {
        if (key.endsWith("/info")) {
          layout.changefeedOf(key).ifPresent(present::add);
        }
      }
      for (ChangefeedId id : present) {
        runners.computeIfAbsent(
            id,
            k -> {
              RunnerContext ctx =
                  new RunnerContext(config, etcd, mirror, session, k, layout.changefeed(k));
              ChangefeedRunner r = new ChangefeedRunner(ctx, config.clusterInNamespace());
              r.start();
              LOG.info("capture {}: following changefeed {}", config.captureId(), k);
              return r;
            });
      }
      for (ChangefeedId id : new ArrayList<>(runners.keySet())) {
        if (!present.contains(id)) {
          ChangefeedRunner r = runners.remove(id);
          r.close();
          LOG.info("capture {}: changefeed {} is gone", config.captureId(), id);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("capture {}: {}", config.captureId(), e.toString());
    }
  }

  public Status status() {
    List<String> maintainerOf = new ArrayList<>();
    SortedMap<String, Set<Long>> tables = new TreeMap<>();
    runners.forEach(
        (id, r) -> {
          if (r.isMaintainer()) {
            maintainerOf.add(id.toString());
          }
          Set<Long> owned = r.ownedTables();
          if (!owned.isEmpty()) {
            tables.put(id.toString(), owned);
          }
        });
    maintainerOf.sort(null);
    return new Status(config.captureId(), session.leaseId() != 0, maintainerOf, tables);
  }

  /** Whether any changefeed still assigns tables to this capture or runs some here. */
  private boolean hasTables() {
    if (runners.values().stream().anyMatch(r -> !r.ownedTables().isEmpty())) {
      return true;
    }
    for (ChangefeedId id : runners.keySet()) {
      String key = layout.changefeed(id).assignment(config.captureId());
      if (mirror.decode(key, Assignment.class).map(a -> !a.tables().isEmpty()).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Drains: asks the operator to move this capture's tables ({@code drain/<id>}), waits until its
   * assignments are empty or the drain timeout passed, then closes. Returns whether it emptied.
   */
  public boolean drain() throws InterruptedException {
    long now = System.currentTimeMillis();
    Duration timeout = config.drainTimeout();
    boolean emptied = false;
    try {
      etcd.put(
          layout.drain(config.captureId()),
          new DrainRequest(config.captureId(), now, now + timeout.toMillis()),
          0);
      LOG.info("capture {} draining (up to {})", config.captureId(), timeout);
      long deadline = now + timeout.toMillis();
      while (System.currentTimeMillis() < deadline) {
        if (!hasTables()) {
          emptied = true; // close() waits for a release the runner is finishing
          break;
        }
        Thread.sleep(200);
      }
    } catch (RuntimeException e) {
      LOG.warn("capture {}: drain: {}", config.captureId(), e.getMessage());
    }
    LOG.info(
        "capture {} drained: {}", config.captureId(), emptied ? "no tables left" : "timed out");
    close();
    return emptied;
  }

  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /** Stops every role, revokes the lease and disconnects. */
  @Override
  public void close() {
    if (closed.getCount() == 0) {
      return;
    }
    housekeeping.shutdownNow();
    try {
      // syncRunners may be adding a runner: let it finish, so that runner is closed below too
      housekeeping.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runners.values().forEach(ChangefeedRunner::close);
    runners.clear();
    mirror.close();
    session.close();
    etcd.close();
    closed.countDown();
  }
}
