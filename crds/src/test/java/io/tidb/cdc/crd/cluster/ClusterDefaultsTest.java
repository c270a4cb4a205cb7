package io.tidb.cdc.crd.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.tidb.cdc.crd.common.SecretRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterDefaultsTest {
  private static final UpstreamSpec UPSTREAM =
      new UpstreamSpec(List.of("pd-0:2379", "pd-1:2379"), null);

  private static TiCDCClusterSpec minimal() {
    return new TiCDCClusterSpec(
        UPSTREAM, null, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void unsetFieldsTakeTheDocumentedDefaults() {
    TiCDCClusterSpec spec = minimal();
    assertThat(ClusterDefaults.replicas(spec)).isEqualTo(3);
    assertThat(ClusterDefaults.image(spec, "0.1.0")).isEqualTo("ghcr.io/tidb-cdc/ticdc:0.1.0");
    assertThat(ClusterDefaults.imagePullPolicy(spec)).isEqualTo(ImagePullPolicy.IF_NOT_PRESENT);
    assertThat(ClusterDefaults.etcdEndpoints(spec)).containsExactly("pd-0:2379", "pd-1:2379");
    assertThat(ClusterDefaults.sorterMemory(spec)).isEqualTo(new Quantity("1Gi"));
    assertThat(ClusterDefaults.gcTtl(spec)).isEqualTo(Duration.ofHours(24));
    assertThat(ClusterDefaults.drainTimeout(spec)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void givenValuesWin() {
    TiCDCClusterSpec spec =
        new TiCDCClusterSpec(
            UPSTREAM,
            new EtcdSpec(List.of("etcd:2379"), new SecretRef("etcd-tls")),
            0,
            "registry.local/ticdc:dev",
            ImagePullPolicy.ALWAYS,
            null,
            null,
            new WorkerSpec(new Quantity("512Mi"), Map.of()),
            null,
            "3600",
            "90s");
    assertThat(ClusterDefaults.replicas(spec)).as("0 replicas is a value, not unset").isZero();
    assertThat(ClusterDefaults.image(spec, "0.1.0")).isEqualTo("registry.local/ticdc:dev");
    assertThat(ClusterDefaults.imagePullPolicy(spec)).isEqualTo(ImagePullPolicy.ALWAYS);
    assertThat(ClusterDefaults.etcdEndpoints(spec)).containsExactly("etcd:2379");
    assertThat(ClusterDefaults.sorterMemory(spec)).isEqualTo(new Quantity("512Mi"));
    assertThat(ClusterDefaults.gcTtl(spec)).isEqualTo(Duration.ofHours(1));
    assertThat(ClusterDefaults.drainTimeout(spec)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void emptyEtcdEndpointsFallBackToPd() {
    TiCDCClusterSpec spec =
        new TiCDCClusterSpec(
            UPSTREAM,
            new EtcdSpec(List.of(), null),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(ClusterDefaults.etcdEndpoints(spec)).containsExactly("pd-0:2379", "pd-1:2379");
  }

  @Test
  void aMissingUpstreamIsNamed() {
    TiCDCClusterSpec spec =
        new TiCDCClusterSpec(null, null, null, null, null, null, null, null, null, null, null);
    assertThatThrownBy(() -> ClusterDefaults.etcdEndpoints(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.upstream.pdAddresses");
  }

  @Test
  void imagePullPolicyValuesAreKubernetesNames() {
    assertThat(ImagePullPolicy.IF_NOT_PRESENT.value()).isEqualTo("IfNotPresent");
    assertThat(ImagePullPolicy.ALWAYS.value()).isEqualTo("Always");
    assertThat(ImagePullPolicy.NEVER.value()).isEqualTo("Never");
  }
}
