package io.tidb.cdc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.tidb.cdc.crd.cluster.EtcdSpec;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.crd.cluster.TiCDCClusterSpec;
import io.tidb.cdc.crd.cluster.UpstreamSpec;
import io.tidb.cdc.crd.common.SecretRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TLS Secrets in the desired worker pod spec. */
class WorkerTlsTest {
  private static TiCDCCluster cluster(String upstreamSecret, String etcdSecret) {
    TiCDCCluster c = new TiCDCCluster();
    c.setMetadata(
        new ObjectMetaBuilder().withName("main").withNamespace("ns").withUid("u-1").build());
    c.setSpec(
        new TiCDCClusterSpec(
            new UpstreamSpec(
                List.of("pd:2379"), upstreamSecret == null ? null : new SecretRef(upstreamSecret)),
            etcdSecret == null ? null : new EtcdSpec(null, new SecretRef(etcdSecret)),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    return c;
  }

  private static PodSpec pod(TiCDCCluster c) {
    return WorkerResources.statefulSet(c, 1, "1.0.0").getSpec().getTemplate().getSpec();
  }

  @Test
  void bothSecretsAreMountedReadOnlyAndNamedToTheWorker() {
    PodSpec pod = pod(cluster("pd-tls", "etcd-tls"));
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .extracting(Volume::getName, v -> v.getSecret().getSecretName())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("upstream-tls", "pd-tls"),
            org.assertj.core.groups.Tuple.tuple("etcd-tls", "etcd-tls"));
    var container = pod.getContainers().get(0);
    assertThat(container.getVolumeMounts())
        .filteredOn(m -> m.getName().endsWith("-tls"))
        .extracting(VolumeMount::getName, VolumeMount::getMountPath, VolumeMount::getReadOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("upstream-tls", "/etc/ticdc/tls/upstream", true),
            org.assertj.core.groups.Tuple.tuple("etcd-tls", "/etc/ticdc/tls/etcd", true));
    assertThat(container.getArgs())
        .contains(
            "--upstream-tls-dir=/etc/ticdc/tls/upstream", "--etcd-tls-dir=/etc/ticdc/tls/etcd");
  }

  @Test
  void onlyTheEtcdSecret() {
    PodSpec pod = pod(cluster(null, "etcd-tls"));
    assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).hasSize(1);
    assertThat(pod.getContainers().get(0).getArgs())
        .contains("--etcd-tls-dir=/etc/ticdc/tls/etcd")
        .noneMatch(a -> a.startsWith("--upstream-tls-dir"));
  }

  @Test
  void withoutSecretsNothingTlsAndTheClusterFileStillAtItsPath() {
    PodSpec pod = pod(cluster(null, null));
    assertThat(pod.getVolumes()).noneMatch(v -> v.getSecret() != null);
    var container = pod.getContainers().get(0);
    assertThat(container.getArgs()).noneMatch(a -> a.contains("tls"));
    // The ConfigMap is mounted as the file alone, leaving /etc/ticdc free for the TLS mounts.
    assertThat(container.getVolumeMounts())
        .filteredOn(m -> m.getName().equals("config"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/etc/ticdc/cluster.yaml");
              assertThat(m.getSubPath()).isEqualTo("cluster.yaml");
            });
  }

  @Test
  void aNewSecretNameRollsThePods() {
    String a =
        WorkerResources.statefulSet(cluster("a", null), 1, "1")
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get(WorkerResources.CONFIG_HASH);
    String b =
        WorkerResources.statefulSet(cluster("b", null), 1, "1")
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get(WorkerResources.CONFIG_HASH);
    assertThat(a).isNotEqualTo(b);
  }
}
