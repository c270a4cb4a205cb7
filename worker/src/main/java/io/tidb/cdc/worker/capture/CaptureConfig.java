package io.tidb.cdc.worker.capture;

import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.worker.config.TiCdcCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a capture runs.
 *
 * @param captureId this capture's id (the pod name on Kubernetes)
 * @param clusterNamespace the namespace of the TiCDCCluster (part of the etcd prefix)
 * @param cluster the TiCDCCluster document (upstream, gcTtl, worker settings)
 * @param etcdEndpoints where etcd answers
 * @param dataDir sorter spill files, one folder per changefeed
 * @param advertiseAddress the HTTP address published in the capture info ({@code host:port})
 * @param leaseTtl the capture lease's TTL
 * @param drainTimeout how long a SIGTERM waits for the operator to move the tables away
 * @param tick how often each changefeed's roles look at etcd and their pipelines (at most a quarter
 *     of {@code reportInterval}, see {@link #runnerTick()})
 * @param reportInterval the least time between two writes of a changefeed's positions or progress;
 *     the checkpoint in {@code progress} lags the tables by up to about twice this
 * @param tls TLS to PD/TiKV and to etcd
 */
public record CaptureConfig(
    String captureId,
    String clusterNamespace,
    TiCdcCluster cluster,
    List<String> etcdEndpoints,
    Path dataDir,
    String advertiseAddress,
    Duration leaseTtl,
    Duration drainTimeout,
    Duration tick,
    Duration reportInterval,
    CaptureTls tls) {
  public CaptureConfig {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(captureId, "captureId");
    Objects.requireNonNull(clusterNamespace, "clusterNamespace");
    Objects.requireNonNull(cluster, "cluster");
    etcdEndpoints = List.copyOf(etcdEndpoints);
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(advertiseAddress, "advertiseAddress");
    if (leaseTtl.toSeconds() < 1) {
      throw new IllegalArgumentException("the lease TTL must be at least 1s, got " + leaseTtl);
    }
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(tick, "tick");
    if (reportInterval.isNegative() || reportInterval.isZero()) {
      throw new IllegalArgumentException(
          "the report interval must be positive, got " + reportInterval);
    }
  }

  /** Lease 10 s, drain 5 min, tick 100 ms, positions and progress at most once a second. */
  public static CaptureConfig defaults(
      String captureId,
      String clusterNamespace,
      TiCdcCluster cluster,
      List<String> etcdEndpoints,
      Path dataDir) {
    return new CaptureConfig(
        captureId,
        clusterNamespace,
        cluster,
        etcdEndpoints,
        dataDir,
        "",
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        CaptureTls.NONE);
  }

  public CaptureConfig withLeaseTtl(Duration d) {
    return edit(f -> f.leaseTtl = d);
  }

  public CaptureConfig withDrainTimeout(Duration d) {
    return edit(f -> f.drainTimeout = d);
  }

  public CaptureConfig withReportInterval(Duration d) {
    return edit(f -> f.reportInterval = d);
  }

  public CaptureConfig withAdvertiseAddress(String a) {
    return edit(f -> f.advertiseAddress = a);
  }

  public CaptureConfig withTls(CaptureTls t) {
    return edit(f -> f.tls = t);
  }

  /** The one copy-and-edit path of the withers: copy every field, change some, validate anew. */
  private CaptureConfig edit(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new CaptureConfig(
        f.captureId,
        f.clusterNamespace,
        f.cluster,
        f.etcdEndpoints,
        f.dataDir,
        f.advertiseAddress,
        f.leaseTtl,
        f.drainTimeout,
        f.tick,
        f.reportInterval,
        f.tls);
  }

  /** A mutable copy of the components, for {@link #edit}. */
  private static final class Fields {
    final String captureId;
    final String clusterNamespace;
    final TiCdcCluster cluster;
    final List<String> etcdEndpoints;
    final Path dataDir;
    String advertiseAddress;
    Duration leaseTtl;
    Duration drainTimeout;
    final Duration tick;
    Duration reportInterval;
    CaptureTls tls;

    Fields(CaptureConfig c) {
      captureId = c.captureId;
      clusterNamespace = c.clusterNamespace;
      cluster = c.cluster;
      etcdEndpoints = c.etcdEndpoints;
      dataDir = c.dataDir;
      advertiseAddress = c.advertiseAddress;
      leaseTtl = c.leaseTtl;
      drainTimeout = c.drainTimeout;
      tick = c.tick;
      reportInterval = c.reportInterval;
      tls = c.tls;
    }
  }

  /**
   * The tick the roles run at: {@code tick}, but at least four per report interval, since a
   * checkpoint passes a few ticks (barrier, flush, position, progress) on its way to etcd.
   */
  public Duration runnerTick() {
    Duration quarter = reportInterval.dividedBy(4);
    return quarter.compareTo(tick) < 0 ? quarter : tick;
  }

  /** The etcd layout of the cluster. */
  public EtcdLayout layout() {
    return EtcdLayout.of(clusterNamespace, cluster.metadata().name());
  }

  /** The cluster document with its namespace filled in, as the changefeed validator needs it. */
  TiCdcCluster clusterInNamespace() {
    var m = cluster.metadata();
    return new TiCdcCluster(
        cluster.apiVersion(),
        cluster.kind(),
        new io.tidb.cdc.worker.config.ObjectMeta(
            m.name(), clusterNamespace, m.labels(), m.annotations()),
        cluster.spec(),
        cluster.status());
  }
}
