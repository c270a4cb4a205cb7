package io.tidb.cdc.operator.cluster;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.tidb.cdc.crd.cluster.TiCDCClusterSpec;
import io.tidb.cdc.crd.common.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's TLS Secrets in a worker pod: each one a read-only secret volume the worker reads
 * {@code ca.crt}, {@code tls.crt} and {@code tls.key} from, and the option naming that directory.
 */
public final class WorkerTls {
  public static final String UPSTREAM_DIR = "/etc/ticdc/tls/upstream";
  public static final String ETCD_DIR = "/etc/ticdc/tls/etcd";

  /** One mounted Secret. */
  record Mount(String volume, String secret, String dir, String option) {}

  private WorkerTls() {}

  /** The Secret of {@code spec.upstream.tlsSecretRef} (PD and TiKV), if set. */
  public static Optional<String> upstreamSecret(TiCDCClusterSpec spec) {
    return Optional.ofNullable(spec.upstream()).map(u -> u.tlsSecretRef()).map(SecretRef::name);
  }

  /** The Secret of {@code spec.etcd.tlsSecretRef}, if set. */
  public static Optional<String> etcdSecret(TiCDCClusterSpec spec) {
    return Optional.ofNullable(spec.etcd()).map(e -> e.tlsSecretRef()).map(SecretRef::name);
  }

  static List<Mount> mounts(TiCDCClusterSpec spec) {
    List<Mount> out = new ArrayList<>();
    upstreamSecret(spec)
        .ifPresent(s -> out.add(new Mount("upstream-tls", s, UPSTREAM_DIR, "--upstream-tls-dir")));
    etcdSecret(spec).ifPresent(s -> out.add(new Mount("etcd-tls", s, ETCD_DIR, "--etcd-tls-dir")));
    return out;
  }

  static List<Volume> volumes(TiCDCClusterSpec spec) {
    return mounts(spec).stream()
        .map(
            m ->
                new VolumeBuilder()
                    .withName(m.volume())
                    .withNewSecret()
                    .withSecretName(m.secret())
                    .endSecret()
                    .build())
        .toList();
  }

  static List<VolumeMount> volumeMounts(TiCDCClusterSpec spec) {
    return mounts(spec).stream()
        .map(
            m ->
                new VolumeMountBuilder()
                    .withName(m.volume())
                    .withMountPath(m.dir())
                    .withReadOnly(true)
                    .build())
        .toList();
  }

  static List<String> args(TiCDCClusterSpec spec) {
    return mounts(spec).stream().map(m -> m.option() + "=" + m.dir()).toList();
  }
}
