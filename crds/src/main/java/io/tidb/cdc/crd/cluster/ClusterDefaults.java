package io.tidb.cdc.crd.cluster;

import io.fabric8.kubernetes.api.model.Quantity;
import io.tidb.cdc.crd.common.GoDuration;
import java.time.Duration;
import java.util.List;

/**
 * The values a TiCDCCluster gets for the fields its spec leaves unset. Pure functions: readers (the
 * reconciler, the worker, the docs) call them; nothing writes them back into the resource, so
 * server-side apply never sees a value the user did not set.
 */
public final class ClusterDefaults {
  public static final int REPLICAS = 3;
  public static final String IMAGE_REPOSITORY = "ghcr.io/tidb-cdc/ticdc";
  public static final ImagePullPolicy IMAGE_PULL_POLICY = ImagePullPolicy.IF_NOT_PRESENT;
  public static final String SORTER_MEMORY = "1Gi";
  public static final String GC_TTL = "24h";
  public static final String DRAIN_TIMEOUT = "5m";

  private ClusterDefaults() {}

  public static int replicas(TiCDCClusterSpec spec) {
    return spec.replicas() != null ? spec.replicas() : REPLICAS;
  }

  /** The spec's image, or the image of the given operator version. */
  public static String image(TiCDCClusterSpec spec, String operatorVersion) {
    if (spec.image() != null && !spec.image().isBlank()) {
      return spec.image();
    }
    return IMAGE_REPOSITORY + ":" + operatorVersion;
  }

  public static ImagePullPolicy imagePullPolicy(TiCDCClusterSpec spec) {
    return spec.imagePullPolicy() != null ? spec.imagePullPolicy() : IMAGE_PULL_POLICY;
  }

  /** The etcd endpoints, or the upstream PD addresses (TiCDC keeps its state in PD's etcd). */
  public static List<String> etcdEndpoints(TiCDCClusterSpec spec) {
    EtcdSpec etcd = spec.etcd();
    if (etcd != null && etcd.endpoints() != null && !etcd.endpoints().isEmpty()) {
      return List.copyOf(etcd.endpoints());
    }
    UpstreamSpec upstream = spec.upstream();
    if (upstream == null || upstream.pdAddresses() == null) {
      throw new IllegalArgumentException(
          "spec.upstream.pdAddresses is required to default spec.etcd.endpoints");
    }
    return List.copyOf(upstream.pdAddresses());
  }

  public static Quantity sorterMemory(TiCDCClusterSpec spec) {
    WorkerSpec worker = spec.worker();
    if (worker != null && worker.sorterMemory() != null) {
      return worker.sorterMemory();
    }
    return new Quantity(SORTER_MEMORY);
  }

  /** The GC safepoint TTL; the spec may give a Go duration or a number of seconds. */
  public static Duration gcTtl(TiCDCClusterSpec spec) {
    return GoDuration.parseOrSeconds(spec.gcTtl() != null ? spec.gcTtl() : GC_TTL);
  }

  public static Duration drainTimeout(TiCDCClusterSpec spec) {
    return GoDuration.parse(spec.drainTimeout() != null ? spec.drainTimeout() : DRAIN_TIMEOUT);
  }
}
