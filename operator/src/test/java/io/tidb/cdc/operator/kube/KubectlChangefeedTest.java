package io.tidb.cdc.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.CaptureInfo;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.coord.ChangefeedKeys;
import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.DesiredState;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.coord.TableList;
import io.tidb.cdc.coord.TablePosition;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.operator.changefeed.Tso;
import io.tidb.cdc.testsupport.servers.EtcdServer;
import io.tidb.cdc.testsupport.servers.TestServersExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator (plain Java Operator SDK, in this JVM) against the fabric8 mock API server behind
 * the kubectl shim, with a real etcd; the test plays the workers by writing what a maintainer and
 * table owners write, and reads the result the way a user does: with the real kubectl.
 */
@ExtendWith(TestServersExtension.class)
class KubectlChangefeedTest {
  private static final String NS = "cdc-test";
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir static Path home;
  private static TestOperator operator;
  private static KubernetesClient client;
  private static Client etcd;
  private static Kubectl kubectl;

  @BeforeAll
  static void start(EtcdServer etcdServer) throws Exception {
    assumeTrue(
        Kubectl.available(), "no kubectl at " + Kubectl.BINARY + ": kubectl-driven tests skipped");
    operator = TestOperator.start(home);
    client = operator.client();
    kubectl = operator.kubectl();
    etcd = Client.builder().endpoints(etcdServer.endpoint()).build();
  }

  @AfterAll
  static void stop() {
    if (etcd != null) {
      etcd.close();
    }
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void kubectlShowsWhereTheTablesAreAndHowFarBehind(EtcdServer etcdServer) throws Exception {
    kubectl.run(
        "apply", "-n", NS, "--validate=false", "-f", EXAMPLES.resolve("cluster.yaml").toString());
    // The example points etcd at PD (basic-pd:2379); point it at the test etcd, as a user would.
    kubectl.run(
        "patch",
        "tcc",
        "main",
        "-n",
        NS,
        "--type=merge",
        "-p",
        "{\"spec\":{\"etcd\":{\"endpoints\":[\""
            + etcdServer.host()
            + ":"
            + etcdServer.port()
            + "\"]}}}");
    kubectl.run(
        "apply",
        "-n",
        NS,
        "--validate=false",
        "-f",
        EXAMPLES.resolve("changefeed-blackhole.yaml").toString());

    EtcdLayout layout = EtcdLayout.of(NS, "main");
    ChangefeedKeys keys = layout.changefeed(new ChangefeedId(NS, "blackhole"));
    await("info written to etcd", () -> get(keys.info()) != null);
    ChangefeedInfo info =
        CoordinationJson.decode(keys.info(), get(keys.info()), ChangefeedInfo.class);
    assertThat(info.state()).isEqualTo(DesiredState.RUNNING);
    assertThat(info.changefeed().at("/spec/sink/uri").asText()).isEqualTo("blackhole://");
    await(
        "worker StatefulSet",
        () -> client.apps().statefulSets().inNamespace(NS).withName("main-worker").get() != null);
    StatefulSet sts = client.apps().statefulSets().inNamespace(NS).withName("main-worker").get();
    assertThat(sts.getSpec().getReplicas()).isEqualTo(3);

    // Play the workers: two captures, a maintainer with four tables, a lagging checkpoint, an
    // error.
    for (String capture : List.of("main-worker-0", "main-worker-1")) {
      put(
          layout.capture(capture),
          new CaptureInfo(capture, capture + ".main-worker:8300", "0.1.0", 1));
    }
    List<TableList.Table> tables =
        List.of(
            new TableList.Table(101, "shop.orders"),
            new TableList.Table(102, "shop.items"),
            new TableList.Table(103, "shop.customers"),
            new TableList.Table(104, "shop.audit"));
    put(keys.tables(), new TableList(1, tables));
    await(
        "tables placed",
        () ->
            get(keys.assignment("main-worker-0")) != null
                && get(keys.assignment("main-worker-1")) != null);
    Assignment a0 =
        CoordinationJson.decode("a0", get(keys.assignment("main-worker-0")), Assignment.class);
    Assignment a1 =
        CoordinationJson.decode("a1", get(keys.assignment("main-worker-1")), Assignment.class);
    assertThat(a0.tables()).hasSize(2);
    assertThat(a1.tables()).hasSize(2);
    assertThat(a0.epoch()).isEqualTo(1);

    long checkpoint = Tso.of(Instant.now().minusSeconds(42), 7);
    for (long t = 101; t <= 104; t++) {
      String owner = a0.tables().contains(t) ? "main-worker-0" : "main-worker-1";
      put(keys.position(t), new TablePosition(t, checkpoint, checkpoint + 100, owner, 1));
    }
    etcd.getKVClient()
        .put(bytes(keys.maintainer()), bytes("main-worker-0"))
        .get(5, TimeUnit.SECONDS);
    put(
        keys.progress(),
        new ChangefeedProgress(
            "Normal",
            info.generation(),
            checkpoint,
            checkpoint + 100,
            checkpoint,
            4,
            "main-worker-0",
            new ChangefeedProgress.ErrorInfo(
                "sink busy: retrying in 2s", System.currentTimeMillis(), 3),
            System.currentTimeMillis()));

    await("kubectl get shows Normal", () -> run("get", "changefeeds", "-n", NS).contains("Normal"));
    String get = kubectl.run("get", "cf", "-n", NS);
    assertThat(get.lines().findFirst().orElseThrow())
        .contains("NAME", "CLUSTER", "PHASE", "CHECKPOINT", "LAG", "TABLES", "AGE");
    assertThat(get)
        .contains(
            "blackhole", "main", "Normal", Tso.physical(checkpoint).toString().substring(0, 16));
    String row = get.lines().filter(l -> l.startsWith("blackhole")).findFirst().orElseThrow();
    assertThat(row.split("\\s+")[5]).isEqualTo("4");
    double lag = Double.parseDouble(row.split("\\s+")[4]);
    assertThat(lag).isBetween(40.0, 120.0);

    await(
        "events recorded",
        () -> run("describe", "changefeed", "blackhole", "-n", NS).contains("TablesPlaced"));
    String describe = kubectl.run("describe", "changefeed", "blackhole", "-n", NS);
    assertThat(describe)
        .contains("Phase:", "Normal")
        .contains("Checkpoint Ts:", String.valueOf(checkpoint))
        .contains("Lag Seconds:")
        .contains("Tables Per Worker:", "main-worker-0:  2", "main-worker-1:  2")
        .contains("Maintainer:", "main-worker-0")
        .contains("sink busy: retrying in 2s")
        .contains("Replicating")
        .contains("TablesPlaced", "PhaseNormal", "ChangefeedError");

    // The same figures on the operator's Prometheus endpoint.
    var registry = operator.registry();
    assertThat(
            registry
                .get("ticdc_operator_changefeed_lag_seconds")
                .tag("changefeed", "blackhole")
                .gauge()
                .value())
        .isBetween(40.0, 120.0);
    assertThat(
            registry
                .get("ticdc_operator_changefeed_phase")
                .tags("changefeed", "blackhole", "phase", "Normal")
                .gauge()
                .value())
        .isEqualTo(1.0);
    assertThat(registry.get("ticdc_operator_changefeed_tables").gauge().value()).isEqualTo(4.0);
    assertThat(registry.get("ticdc_operator_placement_moves_total").counters())
        .extracting(c -> c.count())
        .anySatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(1.0));

    String clusters = kubectl.run("get", "tcc", "-n", NS);
    assertThat(clusters).contains("main").contains("REPLICAS");

    // Deletion: the finalizer stops the changefeed, waits for the maintainer, deletes its state.
    kubectl.run("delete", "cf", "blackhole", "-n", NS, "--wait=false");
    await(
        "info says stopped",
        () -> {
          byte[] v = get(keys.info());
          return v != null
              && CoordinationJson.decode("i", v, ChangefeedInfo.class).state()
                  == DesiredState.STOPPED;
        });
    put(
        keys.progress(),
        new ChangefeedProgress(
            "Stopped",
            info.generation(),
            checkpoint,
            checkpoint,
            checkpoint,
            4,
            "main-worker-0",
            null,
            System.currentTimeMillis()));
    await(
        "changefeed resource gone",
        () ->
            client.resources(Changefeed.class).inNamespace(NS).withName("blackhole").get() == null);
    var left =
        etcd.getKVClient()
            .get(bytes(keys.prefix()), GetOption.builder().isPrefix(true).build())
            .get(5, TimeUnit.SECONDS);
    assertThat(left.getKvs()).isEmpty();
  }

  private static String run(String... args) {
    try {
      return kubectl.run(args);
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "timed out waiting for: " + what + "\n" + run("describe", "cf,tcc", "-n", NS));
  }

  private static byte[] get(String key) {
    try {
      var r = etcd.getKVClient().get(bytes(key)).get(5, TimeUnit.SECONDS);
      return r.getKvs().isEmpty() ? null : r.getKvs().get(0).getValue().getBytes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(String key, Object value) throws Exception {
    etcd.getKVClient()
        .put(bytes(key), ByteSequence.from(CoordinationJson.encode(value)))
        .get(5, TimeUnit.SECONDS);
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
