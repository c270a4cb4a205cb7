package io.tidb.cdc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The product on a real Kubernetes: CRDs and operator installed from this build, a TiCDCCluster of
 * two workers and a Changefeed against the simulator; a workload with DDL runs in a Job; the
 * Changefeed's status must reach Normal with its checkpoint past the workload, keep going when a
 * worker pod is deleted, and the operator must show the captures in the cluster's status.
 */
class ChangefeedOnK3sTest {
  private static final String NS = "ticdc-e2e";
  private static final Duration SLOW = Duration.ofMinutes(5);

  @Test
  void aChangefeedReplicatesAndSurvivesAWorkerPodLoss() throws Exception {
    DockerEngine.requireOrSkip();
    Images.buildProduct();
    Images.buildOperator();
    try (K3s k3s = K3s.start()) {
      k3s.importImage(Images.PRODUCT);
      k3s.importImage(Images.OPERATOR);
      KubernetesClient kube = k3s.client();
      kube.namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
      Upstream.deploy(kube, NS);
      OperatorInstall.install(kube, NS); // the chart brings the CRDs
      for (String plural : new String[] {"ticdcclusters", "changefeeds", "sinkplugins"}) {
        kube.apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(plural + ".cdc.tidb.io")
            .waitUntilCondition(ChangefeedOnK3sTest::established, 2, TimeUnit.MINUTES);
      }
      kube.apps().deployments().inNamespace(NS).withName("sim").waitUntilReady(3, TimeUnit.MINUTES);

      Upstream.apply(kube, NS, clusterAndChangefeed());
      Upstream.apply(kube, NS, Upstream.workloadJob());
      kube.batch()
          .v1()
          .jobs()
          .inNamespace(NS)
          .withName("workload")
          .waitUntilCondition(ChangefeedOnK3sTest::succeeded, 5, TimeUnit.MINUTES);
      long afterWorkload = (System.currentTimeMillis() << 18);

      Resource<GenericKubernetesResource> feed =
          kube.genericKubernetesResources("cdc.tidb.io/v1alpha1", "Changefeed")
              .inNamespace(NS)
              .withName("orders");
      feed.waitUntilCondition(
          f -> "Normal".equals(status(f).get("phase")) && checkpoint(f) > afterWorkload,
          SLOW.toMillis(),
          TimeUnit.MILLISECONDS);
      assertThat(((Number) status(feed.get()).get("tableCount")).intValue()).isEqualTo(2);

      Pod victim = kube.pods().inNamespace(NS).withName("cdc-worker-1").get();
      assertThat(victim).as("worker pod cdc-worker-1").isNotNull();
      kube.pods().inNamespace(NS).withName("cdc-worker-1").withGracePeriod(0).delete();
      long afterLoss = System.currentTimeMillis() << 18;
      feed.waitUntilCondition(
          f -> "Normal".equals(status(f).get("phase")) && checkpoint(f) > afterLoss,
          SLOW.toMillis(),
          TimeUnit.MILLISECONDS);

      GenericKubernetesResource cluster =
          kube.genericKubernetesResources("cdc.tidb.io/v1alpha1", "TiCDCCluster")
              .inNamespace(NS)
              .withName("cdc")
              .get();
      assertThat(((Number) status(cluster).get("readyWorkers")).intValue()).isEqualTo(2);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean succeeded(Job job) {
    return job != null
        && job.getStatus() != null
        && job.getStatus().getSucceeded() != null
        && job.getStatus().getSucceeded() > 0;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(GenericKubernetesResource r) {
    Object s = r == null ? null : r.getAdditionalProperties().get("status");
    return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static long checkpoint(GenericKubernetesResource r) {
    Object ts = status(r).get("checkpointTs");
    return ts instanceof Number n ? n.longValue() : 0;
  }

  private static String clusterAndChangefeed() {
    return """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: cdc}
        spec:
          upstream: {pdAddresses: ["sim:2379"]}
          etcd: {endpoints: ["http://etcd:2379"]}
          replicas: 2
          image: %s
          imagePullPolicy: Never
          jvm: {maxHeap: 512Mi}
          drainTimeout: 30s
        ---
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: orders}
        spec:
          cluster: cdc
          filter: {rules: ["sbtest.*"]}
          sink: {uri: "blackhole://"}
        """
        .formatted(Images.PRODUCT);
  }
}
