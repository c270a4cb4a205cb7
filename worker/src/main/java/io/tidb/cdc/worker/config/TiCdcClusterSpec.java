package io.tidb.cdc.worker.config;

import java.util.List;

/**
 * A {@code TiCDCCluster}'s spec: the upstream, the etcd the captures coordinate through (default:
 * the PD addresses), how long PD keeps data for a stopped changefeed ({@code gcTtl}, a Go duration
 * such as {@code 24h}, or seconds), worker settings, and how a leaving worker drains ({@code
 * drainTimeout}). {@code replicas}, {@code image}, {@code imagePullPolicy}, {@code resources},
 * {@code jvm} and {@code sorterVolume} shape the worker pods; they mean nothing standalone.
 */
public record TiCdcClusterSpec(
    UpstreamSpec upstream,
    EtcdSpec etcd,
    Integer replicas,
    String image,
    String imagePullPolicy,
    ResourceRequirements resources,
    JvmSpec jvm,
    WorkerSpec worker,
    SorterVolumeSpec sorterVolume,
    String gcTtl,
    String drainTimeout) {

  /** The etcd of the captures: endpoints (default: the PD addresses) and a TLS Secret. */
  public record EtcdSpec(List<String> endpoints, SecretRef tlsSecretRef) {}

  /** The worker JVM: maximum heap (a quantity) and extra options. */
  public record JvmSpec(String maxHeap, List<String> options) {}

  /** A volume for sorter spill files (absent: emptyDir). */
  public record SorterVolumeSpec(String size, String storageClassName) {}

  /** Kubernetes ResourceRequirements. */
  public record ResourceRequirements(
      java.util.Map<String, String> limits,
      java.util.Map<String, String> requests,
      List<ResourceClaim> claims) {}

  /** A Kubernetes ResourceClaim reference. */
  public record ResourceClaim(String name, String request) {}
}
