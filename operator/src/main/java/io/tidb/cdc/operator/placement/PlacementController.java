package io.tidb.cdc.operator.placement;

import io.etcd.jetcd.Watch;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.coord.TablePosition;
import io.tidb.cdc.operator.etcd.ClusterStore;
import io.tidb.cdc.operator.etcd.EtcdUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Keeps every cluster's placement current: an etcd watch on the cluster's prefix schedules a pass
 * (debounced: events arriving within {@code debounce} share one pass), and a periodic pass catches
 * what no event announces (a drain timeout running out, a watch that broke).
 *
 * <p>Only the leader places: clusters are started by the TiCDCCluster reconciler, which Java
 * Operator SDK runs only on the elected leader (a replica that loses the lease stops).
 */
public final class PlacementController implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PlacementController.class);

  private final ScheduledExecutorService scheduler;
  private final PlacementListener listener;
  private final LongSupplier clock;
  private final Duration debounce;
  private final Duration period;
  private final Map<String, Loop> loops = new ConcurrentHashMap<>();

  public PlacementController(
      PlacementListener listener, LongSupplier clock, Duration debounce, Duration period) {
    this.listener = listener;
    this.clock = clock;
    this.debounce = debounce;
    this.period = period;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ticdc-placement");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts placing the cluster (idempotent; updates the drain timeout). A different store (the
   * cluster's etcd endpoints changed) replaces the running loop.
   */
  public void ensure(ClusterStore store, Duration drainTimeout) {
    String key = store.layout().cluster();
    loops.compute(
        key,
        (k, old) -> {
          if (old != null && old.store == store) {
            old.placement.drainTimeout(drainTimeout);
            return old;
          }
          if (old != null) {
            old.close();
          }
          Loop loop = new Loop(store, new ClusterPlacement(store, drainTimeout, listener, clock));
          loop.start();
          return loop;
        });
  }

  /** Asks for a pass soon (debounced), e.g. after a changefeed's info was written. */
  public void request(EtcdLayout layout) {
    Loop loop = loops.get(layout.cluster());
    if (loop != null) {
      loop.schedule();
    }
  }

  /** Stops placing the cluster (it was deleted). */
  public void stop(EtcdLayout layout) {
    Loop loop = loops.remove(layout.cluster());
    if (loop != null) {
      loop.close();
    }
  }

  @Override
  public void close() {
    loops.values().forEach(Loop::close);
    loops.clear();
    scheduler.shutdownNow();
  }

  /** Whether a watched change can alter a placement (positions matter only when released). */
  static boolean relevant(EtcdLayout layout, ClusterStore.Change change) {
    String key = change.key();
    if (key.startsWith(layout.capturesPrefix()) || key.startsWith(layout.drainPrefix())) {
      return true;
    }
    if (key.endsWith("/info") || key.endsWith("/tables") || key.contains("/assignments/")) {
      return true;
    }
    if (key.contains("/positions/")) {
      if (change.value() == null) {
        return true;
      }
      try {
        return CoordinationJson.decode(key, change.value(), TablePosition.class).capture() == null;
      } catch (RuntimeException e) {
        return false;
      }
    }
    return false;
  }

  private final class Loop {
    private final ClusterStore store;
    private final ClusterPlacement placement;
    private Watch.Watcher watcher;
    private ScheduledFuture<?> periodic;
    private ScheduledFuture<?> next;
    private volatile boolean closed;

    Loop(ClusterStore store, ClusterPlacement placement) {
      this.store = store;
      this.placement = placement;
    }

    void start() {
      periodic =
          scheduler.scheduleWithFixedDelay(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void schedule() {
      if (closed || (next != null && !next.isDone())) {
        return;
      }
      next = scheduler.schedule(this::run, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
      synchronized (this) {
        if (!closed && watcher == null) {
          try {
            watcher = store.watch(this::onChanges, this::onWatchError);
          } catch (RuntimeException e) {
            LOG.warnf("cannot watch %s: %s", store.layout().prefix(), e.getMessage());
          }
        }
      }
      run();
    }

    private void onChanges(List<ClusterStore.Change> changes) {
      if (changes.stream().anyMatch(c -> relevant(store.layout(), c))) {
        schedule();
      }
    }

    private synchronized void onWatchError(Throwable e) {
      LOG.warnf("watch of %s broke (%s); reopening", store.layout().prefix(), e.getMessage());
      if (watcher != null) {
        watcher.close();
        watcher = null;
      }
    }

    private void run() {
      if (closed) {
        return;
      }
      try {
        if (!placement.runOnce()) {
          schedule(); // a compare failed: the state moved, plan again on fresh data
        }
      } catch (EtcdUnavailableException e) {
        LOG.warnf("placement of %s skipped: %s", store.layout().cluster(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.errorf(e, "placement of %s failed", store.layout().cluster());
      }
    }

    synchronized void close() {
      closed = true;
      if (periodic != null) {
        periodic.cancel(false);
      }
      if (next != null) {
        next.cancel(false);
      }
      if (watcher != null) {
        watcher.close();
      }
    }
  }
}
