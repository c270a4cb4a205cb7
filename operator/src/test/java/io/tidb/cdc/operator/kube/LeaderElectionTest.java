package io.tidb.cdc.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidb.cdc.coord.CaptureInfo;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.coord.TableList;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.testsupport.servers.EtcdServer;
import io.tidb.cdc.testsupport.servers.TestServersExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two operator replicas on one API server and one etcd: only the Lease holder reconciles and
 * places; when it stops, the other takes the Lease within its duration and carries on.
 */
@ExtendWith(TestServersExtension.class)
class LeaderElectionTest {
  private static final String NS = "elect";
  private static final String LEASE = "ticdc-operator-leader";
  private static final Duration LEASE_DURATION = Duration.ofSeconds(3);

  @TempDir Path home;

  private static LeaderElectionConfiguration election(String identity) {
    // exitOnStopLeading = false: the default (true) calls System.exit on losing the Lease.
    return new LeaderElectionConfiguration(
        LEASE,
        NS,
        LEASE_DURATION,
        Duration.ofSeconds(2),
        Duration.ofMillis(400),
        identity,
        null,
        false);
  }

  @Test
  void onlyTheLeaderReconcilesAndTheFollowerTakesOverWhenItStops(EtcdServer etcdServer)
      throws Exception {
    try (MockApiServer api = new MockApiServer();
        KubernetesClient client = api.client();
        Client etcd = Client.builder().endpoints(etcdServer.endpoint()).build()) {
      TestOperator a = TestOperator.start(home.resolve("a"), api, election("op-a"));
      TestOperator b = null;
      try {
        await("op-a holds the Lease", () -> "op-a".equals(holder(client)));
        b = TestOperator.start(home.resolve("b"), api, election("op-b"));

        EtcdLayout layout = EtcdLayout.of(NS, "lead");
        for (String w : List.of("lead-worker-0", "lead-worker-1")) {
          put(etcd, layout.capture(w), CoordinationJson.encode(new CaptureInfo(w, w, "0.1.0", 1)));
        }
        client.resource(cluster(etcdServer)).create();
        client.resource(changefeed("one")).create();
        ChangefeedId one = new ChangefeedId(NS, "one");
        await("info of one", () -> get(etcd, layout.changefeed(one).info()) != null);
        put(
            etcd,
            layout.changefeed(one).tables(),
            CoordinationJson.encode(
                new TableList(
                    1, List.of(new TableList.Table(1, "s.a"), new TableList.Table(2, "s.b")))));
        await("one placed", () -> count(etcd, layout.changefeed(one).assignmentsPrefix()) == 2);
        await("status of one", () -> status(client, "one") != null);
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("lead-worker").get())
            .isNotNull();

        assertThat(moves(a.registry())).as("the leader placed the tables").isEqualTo(2);
        assertThat(phases(a.registry())).as("the leader reconciled the changefeed").isPositive();
        // Give the follower time to do something wrong: its informers are running.
        Thread.sleep(1500);
        assertThat(moves(b.registry())).as("the follower's placement never writes").isZero();
        assertThat(phases(b.registry())).as("the follower never reconciles").isZero();
        assertThat(holder(client)).isEqualTo("op-a");

        long stoppedAt = System.nanoTime();
        a.close();
        a = null;
        await("op-b holds the Lease", () -> "op-b".equals(holder(client)));
        Duration takeover = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertThat(takeover)
            .as("a stopped leader's Lease is taken over within its duration (+ a retry period)")
            .isLessThan(LEASE_DURATION.plusSeconds(2));

        client.resource(changefeed("two")).create();
        ChangefeedId two = new ChangefeedId(NS, "two");
        await("info of two", () -> get(etcd, layout.changefeed(two).info()) != null);
        await("status of two", () -> status(client, "two") != null);
        put(
            etcd,
            layout.changefeed(two).tables(),
            CoordinationJson.encode(new TableList(1, List.of(new TableList.Table(5, "s.c")))));
        await("two placed", () -> count(etcd, layout.changefeed(two).assignmentsPrefix()) == 1);
        assertThat(moves(b.registry())).as("the new leader placed two").isGreaterThanOrEqualTo(1);
        assertThat(phases(b.registry())).isPositive();
      } finally {
        if (a != null) {
          a.close();
        }
        if (b != null) {
          b.close();
        }
      }
    }
  }

  private static String holder(KubernetesClient client) {
    Lease l = client.leases().inNamespace(NS).withName(LEASE).get();
    return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
  }

  private static Object status(KubernetesClient client, String name) {
    Changefeed cf = client.resources(Changefeed.class).inNamespace(NS).withName(name).get();
    return cf == null || cf.getStatus() == null ? null : cf.getStatus().phase();
  }

  private static double moves(MeterRegistry r) {
    return r.find("ticdc_operator_placement_moves_total").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static int phases(MeterRegistry r) {
    return r.find("ticdc_operator_changefeed_phase").gauges().size();
  }

  private static TiCDCCluster cluster(EtcdServer etcd) {
    return Serialization.unmarshal(
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: lead, namespace: %s}
        spec:
          upstream: {pdAddresses: ["pd:2379"]}
          etcd: {endpoints: ["%s:%d"]}
          replicas: 2
        """
            .formatted(NS, etcd.host(), etcd.port()),
        TiCDCCluster.class);
  }

  static Changefeed changefeed(String name) {
    return Serialization.unmarshal(
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: %s, namespace: %s}
        spec:
          cluster: lead
          sink: {uri: "blackhole://"}
        """
            .formatted(name, NS),
        Changefeed.class);
  }

  private static void put(Client etcd, String key, byte[] value) throws Exception {
    etcd.getKVClient()
        .put(ByteSequence.from(key, StandardCharsets.UTF_8), ByteSequence.from(value))
        .get(5, TimeUnit.SECONDS);
  }

  private static byte[] get(Client etcd, String key) throws Exception {
    var kvs =
        etcd.getKVClient()
            .get(ByteSequence.from(key, StandardCharsets.UTF_8))
            .get(5, TimeUnit.SECONDS)
            .getKvs();
    return kvs.isEmpty() ? null : kvs.get(0).getValue().getBytes();
  }

  private static long count(Client etcd, String prefix) throws Exception {
    return etcd.getKVClient()
        .get(
            ByteSequence.from(prefix, StandardCharsets.UTF_8),
            GetOption.builder().isPrefix(true).build())
        .get(5, TimeUnit.SECONDS)
        .getCount();
  }

  @FunctionalInterface
  interface Check {
    boolean ok() throws Exception;
  }

  static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
