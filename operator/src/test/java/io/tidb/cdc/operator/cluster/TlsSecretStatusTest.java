package io.tidb.cdc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.changefeed.ChangefeedPhase;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.operator.kube.TestOperator;
import io.tidb.cdc.operator.status.Conditions;
import io.tidb.cdc.testsupport.servers.TlsEtcdServer;
import io.tidb.cdc.testsupport.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster whose etcd TLS Secret is missing: a Degraded condition and a Warning changefeed naming
 * the Secret, no exception in the reconcile; once the Secret exists the cluster recovers.
 */
class TlsSecretStatusTest {
  private static final String NS = "tls";

  @TempDir Path root;

  @Test
  void aMissingEtcdSecretIsAConditionUntilItIsCreated() throws Exception {
    TestCertificates certs = TestCertificates.generate(root.resolve("certs"));
    try (TlsEtcdServer etcd = TlsEtcdServer.start(certs.serverDir());
        TestOperator operator = TestOperator.start(root.resolve("home"))) {
      KubernetesClient client = operator.client();
      client.resource(cluster(etcd.hostPort())).create();
      client.resource(changefeed()).create();

      await(
          "Degraded naming the Secret",
          () -> degraded(client),
          c ->
              c != null
                  && "True".equals(c.getStatus())
                  && "TlsSecretInvalid".equals(c.getReason())
                  && c.getMessage().contains("TLS Secret tls/etcd-client not found"));
      await(
          "the changefeed warns",
          () -> client.resources(Changefeed.class).inNamespace(NS).withName("feed").get(),
          cf ->
              cf.getStatus() != null
                  && cf.getStatus().phase() == ChangefeedPhase.Warning
                  && cf.getStatus().lastError().message().contains("tls/etcd-client"));
      assertThat(
              client.v1().events().inNamespace(NS).list().getItems().stream()
                  .filter(e -> "TlsSecretInvalid".equals(e.getReason()))
                  .filter(e -> "Warning".equals(e.getType())))
          .as("one Warning Event for the condition, not one per retry")
          .hasSize(1);
      assertThat(client.apps().statefulSets().inNamespace(NS).withName("sec-worker").get())
          .as("the worker resources are still applied")
          .isNotNull();

      client.resource(secret(certs.clientDir())).create();
      await(
          "recovered",
          () -> degraded(client),
          c -> c != null && "False".equals(c.getStatus()) && "AsExpected".equals(c.getReason()));
      await(
          "the changefeed left Warning",
          () -> client.resources(Changefeed.class).inNamespace(NS).withName("feed").get(),
          cf -> cf.getStatus() != null && cf.getStatus().phase() == ChangefeedPhase.Pending);
    }
  }

  private static Condition degraded(KubernetesClient client) {
    TiCDCCluster c = client.resources(TiCDCCluster.class).inNamespace(NS).withName("sec").get();
    return c == null || c.getStatus() == null
        ? null
        : Conditions.find(c.getStatus().conditions(), "Degraded");
  }

  private static TiCDCCluster cluster(String etcd) {
    return Serialization.unmarshal(
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: sec, namespace: %s}
        spec:
          upstream: {pdAddresses: ["pd:2379"]}
          etcd: {endpoints: ["%s"], tlsSecretRef: {name: etcd-client}}
          replicas: 1
        """
            .formatted(NS, etcd),
        TiCDCCluster.class);
  }

  private static Changefeed changefeed() {
    return Serialization.unmarshal(
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: feed, namespace: %s}
        spec:
          cluster: sec
          sink: {uri: "blackhole://"}
        """
            .formatted(NS),
        Changefeed.class);
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(Path dir) throws Exception {
    Map<String, String> data = new HashMap<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        data.put(
            f.getFileName().toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
      }
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName("etcd-client")
        .withNamespace(NS)
        .endMetadata()
        .withType("kubernetes.io/tls")
        .withData(data)
        .build();
  }

  private static <T> void await(String what, Supplier<T> read, java.util.function.Predicate<T> ok)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    T last = read.get();
    while (!ok.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; last: " + last);
      }
      Thread.sleep(200);
      last = read.get();
    }
  }
}
