package io.tidb.cdc.worker.capture;

import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.worker.config.TiCdcCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
 * @param tick how often each changefeed's roles look at etcd and their pipelines
 * @param reportInterval the least time between two writes of a changefeed's positions or progress
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
    Duration reportInterval) {
  public CaptureConfig {
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
    Objects.requireNonNull(reportInterval, "reportInterval");
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
        Duration.ofSeconds(1));
  }

  public CaptureConfig withLeaseTtl(Duration d) {
    return new CaptureConfig(
        captureId,
        clusterNamespace,
        cluster,
        etcdEndpoints,
        dataDir,
        advertiseAddress,
        d,
        drainTimeout,
        tick,
        reportInterval);
  }

  public CaptureConfig withDrainTimeout(Duration d) {
    return new CaptureConfig(
        captureId,
        clusterNamespace,
        cluster,
        etcdEndpoints,
        dataDir,
        advertiseAddress,
        leaseTtl,
        d,
        tick,
        reportInterval);
  }

  public CaptureConfig withAdvertiseAddress(String a) {
    return new CaptureConfig(
        captureId,
        clusterNamespace,
        cluster,
        etcdEndpoints,
        dataDir,
        a,
        leaseTtl,
        drainTimeout,
        tick,
        reportInterval);
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
