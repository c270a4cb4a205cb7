package io.tidb.cdc.operator.changefeed;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.operator.kube.TestOperator;
import io.tidb.cdc.testsupport.servers.EtcdServer;
import io.tidb.cdc.testsupport.servers.TestServersExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A Changefeed deleted after its TiCDCCluster still has its etcd state cleaned up. */
@ExtendWith(TestServersExtension.class)
class ClusterDeletedFirstTest {
  private static final String NS = "orphan";

  @TempDir Path home;

  @Test
  void theRememberedEndpointsAreCleanedUpAndAnUnreachableEtcdKeepsTheFinalizer(
      EtcdServer etcdServer) throws Exception {
    try (TestOperator operator = TestOperator.start(home);
        Client etcd = Client.builder().endpoints(etcdServer.endpoint()).build()) {
      KubernetesClient client = operator.client();
      String endpoint = etcdServer.host() + ":" + etcdServer.port();
      client.resource(cluster("gone", endpoint)).create();
      client.resource(changefeed("feed", "gone")).create();
      String prefix = EtcdLayout.of(NS, "gone").changefeed(new ChangefeedId(NS, "feed")).prefix();
      await("info written", () -> count(etcd, prefix) > 0);
      assertThat(annotations(client, "feed"))
          .containsEntry(EtcdEndpointsAnnotation.ENDPOINTS, endpoint)
          .doesNotContainKey(EtcdEndpointsAnnotation.TLS_SECRET);

      client.resources(TiCDCCluster.class).inNamespace(NS).withName("gone").delete();
      await("cluster gone", () -> get(client, TiCDCCluster.class, "gone") == null);
      client.resources(Changefeed.class).inNamespace(NS).withName("feed").delete();
      await("changefeed gone", () -> get(client, Changefeed.class, "feed") == null);
      assertThat(count(etcd, prefix)).as("its etcd state was deleted").isZero();

      // Endpoints remembered, then etcd gone: the finalizer stays and the status says why.
      client.resource(cluster("dead", endpoint)).create();
      client.resource(changefeed("stuck", "dead")).create();
      await(
          "endpoints remembered",
          () -> annotations(client, "stuck").containsKey(EtcdEndpointsAnnotation.ENDPOINTS));
      client
          .resources(Changefeed.class)
          .inNamespace(NS)
          .withName("stuck")
          .edit(
              c -> {
                c.getMetadata()
                    .getAnnotations()
                    .put(EtcdEndpointsAnnotation.ENDPOINTS, "127.0.0.1:1");
                return c;
              });
      client.resources(TiCDCCluster.class).inNamespace(NS).withName("dead").delete();
      await("cluster dead gone", () -> get(client, TiCDCCluster.class, "dead") == null);
      client.resources(Changefeed.class).inNamespace(NS).withName("stuck").delete();
      await(
          "blocked status",
          () -> {
            String m = statusMessage(client, "stuck");
            return m != null && m.startsWith("deletion waits for etcd");
          });
      assertThat(get(client, Changefeed.class, "stuck")).as("the finalizer holds it").isNotNull();
    }
  }

  private static Map<String, String> annotations(KubernetesClient client, String name) {
    Changefeed cf = get(client, Changefeed.class, name);
    return cf == null || cf.getMetadata().getAnnotations() == null
        ? Map.of()
        : cf.getMetadata().getAnnotations();
  }

  private static String statusMessage(KubernetesClient client, String name) {
    Changefeed cf = get(client, Changefeed.class, name);
    return cf == null || cf.getStatus() == null || cf.getStatus().lastError() == null
        ? null
        : cf.getStatus().lastError().message();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T get(
      KubernetesClient client, Class<T> type, String name) {
    return client.resources(type).inNamespace(NS).withName(name).get();
  }

  private static TiCDCCluster cluster(String name, String etcd) {
    return Serialization.unmarshal(
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: %s, namespace: %s}
        spec:
          upstream: {pdAddresses: ["pd:2379"]}
          etcd: {endpoints: ["%s"]}
          replicas: 1
        """
            .formatted(name, NS, etcd),
        TiCDCCluster.class);
  }

  private static Changefeed changefeed(String name, String cluster) {
    return Serialization.unmarshal(
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: %s, namespace: %s}
        spec:
          cluster: %s
          sink: {uri: "blackhole://"}
        """
            .formatted(name, NS, cluster),
        Changefeed.class);
  }

  private static long count(Client etcd, String prefix) throws Exception {
    return etcd.getKVClient()
        .get(
            ByteSequence.from(prefix, StandardCharsets.UTF_8),
            GetOption.builder().isPrefix(true).build())
        .get(5, TimeUnit.SECONDS)
        .getCount();
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void await(String what, Check ok) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!ok.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
