package io.tidb.cdc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tidb.cdc.crd.cluster.JvmSpec;
import io.tidb.cdc.crd.cluster.SorterVolumeSpec;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.crd.cluster.TiCDCClusterSpec;
import io.tidb.cdc.crd.cluster.UpstreamSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerResourcesTest {
  static TiCDCCluster cluster(
      Integer replicas, SorterVolumeSpec sorter, JvmSpec jvm, String drain) {
    TiCDCCluster c = new TiCDCCluster();
    c.setMetadata(
        new ObjectMetaBuilder().withName("main").withNamespace("ns").withUid("u-1").build());
    c.setSpec(
        new TiCDCClusterSpec(
            new UpstreamSpec(List.of("pd:2379"), null),
            null,
            replicas,
            null,
            null,
            null,
            jvm,
            null,
            sorter,
            null,
            drain));
    return c;
  }

  @Test
  void statefulSetRunsCapturesWithTheirPodNameAndTheMountedClusterFile() {
    TiCDCCluster c = cluster(3, null, null, "2m");
    var sts = WorkerResources.statefulSet(c, 2, "1.2.3");

    assertThat(sts.getMetadata().getName()).isEqualTo("main-worker");
    assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
    assertThat(sts.getSpec().getServiceName()).isEqualTo("main-worker");
    var pod = sts.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("ghcr.io/tidb-cdc/ticdc:1.2.3");
    assertThat(container.getCommand()).containsExactly("bin/ticdc", "worker");
    assertThat(container.getArgs())
        .contains("--cluster-file=$(TICDC_CLUSTER_FILE)", "--drain-timeout=120s");
    EnvVar id =
        container.getEnv().stream()
            .filter(e -> e.getName().equals("TICDC_CAPTURE_ID"))
            .findFirst()
            .orElseThrow();
    assertThat(id.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    assertThat(container.getEnv())
        .contains(new EnvVar("TICDC_CLUSTER_FILE", "/etc/ticdc/cluster.yaml", null));
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(150L);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(WorkerResources.WORKER_UID);
    assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
    assertThat(sts.getSpec().getVolumeClaimTemplates()).isEmpty();
    assertThat(sts.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getUid()).isEqualTo("u-1");
              assertThat(o.getController()).isTrue();
            });
  }

  @Test
  void sorterVolumeBecomesAClaimTemplateAndJvmHeapAnOption() {
    TiCDCCluster c =
        cluster(
            null,
            new SorterVolumeSpec(new Quantity("50Gi"), "fast"),
            new JvmSpec(new Quantity("3Gi"), List.of("-XX:+UseG1GC")),
            null);
    var sts = WorkerResources.statefulSet(c, 3, "1.0.0");

    var claim = sts.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getMetadata().getName()).isEqualTo("sorter");
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(claim.getSpec().getResources().getRequests())
        .containsEntry("storage", new Quantity("50Gi"));
    var env = sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    assertThat(env).contains(new EnvVar("TICDC_JAVA_OPTS", "-Xmx3072m -XX:+UseG1GC", null));
    assertThat(sts.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(330L);
  }

  @Test
  void configHoldsTheClusterDocumentWithoutReplicasSoScalingDoesNotRestartPods() {
    var three = WorkerResources.statefulSet(cluster(3, null, null, null), 3, "1");
    var five = WorkerResources.statefulSet(cluster(5, null, null, null), 5, "1");
    var other = WorkerResources.statefulSet(cluster(3, null, null, "9m"), 3, "1");
    String hash = WorkerResources.CONFIG_HASH;

    assertThat(three.getSpec().getTemplate().getMetadata().getAnnotations().get(hash))
        .isEqualTo(five.getSpec().getTemplate().getMetadata().getAnnotations().get(hash))
        .isNotEqualTo(other.getSpec().getTemplate().getMetadata().getAnnotations().get(hash));

    Map<?, ?> doc =
        Serialization.unmarshal(
            WorkerResources.config(cluster(3, null, null, null)).getData().get("cluster.yaml"),
            Map.class);
    assertThat(doc.get("kind")).isEqualTo("TiCDCCluster");
    Map<?, ?> spec = (Map<?, ?>) doc.get("spec");
    assertThat(spec.containsKey("replicas")).isFalse();
    assertThat(spec.containsKey("upstream")).isTrue();
  }

  @Test
  void serviceIsHeadlessAndBudgetAllowsOneAway() {
    TiCDCCluster c = cluster(3, null, null, null);
    assertThat(WorkerResources.service(c).getSpec().getClusterIP()).isEqualTo("None");
    assertThat(WorkerResources.disruptionBudget(c).getSpec().getMaxUnavailable().getIntVal())
        .isEqualTo(1);
    assertThat(WorkerResources.serviceAccount(c).getMetadata().getName()).isEqualTo("main-worker");
  }
}
