package io.tidb.cdc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.CaptureInfo;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.DrainRequest;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.crd.cluster.EtcdSpec;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.crd.cluster.TiCDCClusterSpec;
import io.tidb.cdc.crd.cluster.UpstreamSpec;
import io.tidb.cdc.operator.kube.TestOperator;
import io.tidb.cdc.testsupport.servers.EtcdServer;
import io.tidb.cdc.testsupport.servers.TestServersExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The TiCDCCluster reconciler (plain Java Operator SDK) against the mock API server and etcd. */
@ExtendWith(TestServersExtension.class)
class ClusterScaleDownTest {
  private static final String NS = "scale";
  @TempDir static Path home;
  private static TestOperator operator;
  private static KubernetesClient client;
  private static Client etcd;

  @BeforeAll
  static void start(EtcdServer etcdServer) throws IOException {
    operator = TestOperator.start(home);
    client = operator.client();
    etcd = Client.builder().endpoints(etcdServer.endpoint()).build();
  }

  @AfterAll
  static void stop() {
    etcd.close();
    operator.close();
  }

  @Test
  void scaleDownWaitsForTheLeavingWorkerToHandItsTablesOver(EtcdServer etcdServer)
      throws Exception {
    TiCDCCluster c = new TiCDCCluster();
    c.setMetadata(new ObjectMetaBuilder().withName("east").withNamespace(NS).build());
    c.setSpec(
        new TiCDCClusterSpec(
            new UpstreamSpec(List.of("pd:2379"), null),
            new EtcdSpec(List.of(etcdServer.host() + ":" + etcdServer.port()), null),
            3,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "10m"));
    client.resource(c).create();
    await("3 workers", () -> replicas() == 3);
    assertThat(client.serviceAccounts().inNamespace(NS).withName("east-worker").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(NS).withName("east-config").get().getData())
        .containsKey("cluster.yaml");
    assertThat(
            client
                .services()
                .inNamespace(NS)
                .withName("east-worker")
                .get()
                .getSpec()
                .getClusterIP())
        .isEqualTo("None");
    assertThat(
            client
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(NS)
                .withName("east-worker")
                .get())
        .isNotNull();

    EtcdLayout layout = EtcdLayout.of(NS, "east");
    String leaving = "east-worker-2";
    put(layout.capture(leaving), new CaptureInfo(leaving, "x:8300", "0.1.0", 1));
    String assignment = layout.changefeed(new ChangefeedId(NS, "feed")).assignment(leaving);
    put(assignment, new Assignment(4, List.of(7L, 8L)));

    client
        .resources(TiCDCCluster.class)
        .inNamespace(NS)
        .withName("east")
        .edit(
            x -> {
              x.setSpec(
                  new TiCDCClusterSpec(
                      x.getSpec().upstream(),
                      x.getSpec().etcd(),
                      2,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      "10m"));
              return x;
            });

    await("drain requested", () -> get(layout.drain(leaving)) != null);
    DrainRequest drain =
        CoordinationJson.decode("d", get(layout.drain(leaving)), DrainRequest.class);
    assertThat(drain.deadlineMillis() - drain.requestedAtMillis())
        .isEqualTo(Duration.ofMinutes(10).toMillis());
    await(
        "status shows the drain",
        () -> {
          var s =
              client
                  .resources(TiCDCCluster.class)
                  .inNamespace(NS)
                  .withName("east")
                  .get()
                  .getStatus();
          return s != null && s.drain() != null && leaving.equals(s.drain().capture());
        });
    Thread.sleep(1500); // several reconciles: the StatefulSet must keep its replicas meanwhile
    assertThat(replicas()).isEqualTo(3);

    put(assignment, new Assignment(5, List.of())); // the placement moved its tables away
    await("scaled down", () -> replicas() == 2);
    await(
        "drain gone from status",
        () ->
            client
                    .resources(TiCDCCluster.class)
                    .inNamespace(NS)
                    .withName("east")
                    .get()
                    .getStatus()
                    .drain()
                == null);
  }

  private static int replicas() {
    var sts = client.apps().statefulSets().inNamespace(NS).withName("east-worker").get();
    return sts == null ? -1 : sts.getSpec().getReplicas();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for: " + what);
  }

  private static byte[] get(String key) {
    try {
      var r =
          etcd.getKVClient()
              .get(ByteSequence.from(key, StandardCharsets.UTF_8))
              .get(5, TimeUnit.SECONDS);
      return r.getKvs().isEmpty() ? null : r.getKvs().get(0).getValue().getBytes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(String key, Object value) throws Exception {
    etcd.getKVClient()
        .put(
            ByteSequence.from(key, StandardCharsets.UTF_8),
            ByteSequence.from(CoordinationJson.encode(value)))
        .get(5, TimeUnit.SECONDS);
  }
}
