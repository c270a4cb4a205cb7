package io.tidb.cdc.worker.puller.pd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.pd.GcSafePoints;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.puller.retry.Backoff;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PD client against the simulator's PD. */
class GrpcPdClientTest {
  private static final Bytes B = Bytes.copyOf("b".getBytes());
  private static final Bytes M = Bytes.copyOf("m".getBytes());
  private static Simulator sim;
  private static GrpcPdClient pd;

  @BeforeAll
  static void start() throws PdException {
    sim =
        Simulator.start(
            SimulatorConfig.defaults()
                .withSplitKeys(
                    List.of(ByteString.copyFromUtf8("b"), ByteString.copyFromUtf8("m"))));
    pd = GrpcPdClient.connect(List.of(sim.pdAddress()));
  }

  @AfterAll
  static void stop() {
    pd.close();
    sim.close();
  }

  @Test
  void learnsTheClusterIdAndTheLeader() {
    assertThat(pd.clusterId()).isEqualTo(sim.clusterId());
    assertThat(pd.leaderAddress()).isEqualTo(sim.pdAddress());
  }

  @Test
  void scansRegionsWithRawBoundariesAndLeaders() throws PdException {
    List<RegionInfo> regions = pd.scanRegions(KeySpan.all(), 10);
    assertThat(regions)
        .extracting(r -> r.span())
        .containsExactly(KeySpan.of(Bytes.EMPTY, B), KeySpan.of(B, M), KeySpan.of(M, Bytes.EMPTY));
    assertThat(regions).allMatch(RegionInfo::hasLeader);
    assertThat(regions).allMatch(r -> r.peers().size() == 3);
    assertThat(
            pd.scanRegions(
                KeySpan.of(Bytes.copyOf("c".getBytes()), Bytes.copyOf("d".getBytes())), 10))
        .extracting(RegionInfo::span)
        .containsExactly(KeySpan.of(B, M));
    assertThat(pd.scanRegions(KeySpan.all(), 2)).hasSize(2);
  }

  @Test
  void findsTheRegionOfAKeyAndStoreAddresses() throws PdException {
    RegionInfo r = pd.getRegion(Bytes.copyOf("q".getBytes())).orElseThrow();
    assertThat(r.span()).isEqualTo(KeySpan.of(M, Bytes.EMPTY));
    StoreInfo store = pd.getStore(r.leader().storeId());
    assertThat(store.address()).isEqualTo(sim.storeAddresses().get(r.leader().storeId()));
    assertThat(store.up()).isTrue();
    assertThatThrownBy(() -> pd.getStore(99))
        .isInstanceOf(PdException.class)
        .hasMessageContaining("99");
  }

  @Test
  void timestampsComeFromTheTso() throws PdException {
    long before = sim.txn().currentTs();
    long ts = pd.currentTs();
    assertThat(ts).isGreaterThan(before);
    assertThat(sim.txn().currentTs()).isGreaterThan(ts);
  }

  @Test
  void serviceSafePointsAreSetAndReported() throws PdException {
    assertThat(pd.gcSafePoint()).isZero();
    ServiceSafePoint sp = pd.updateServiceGcSafePoint("ticdc-test", 60, 1000);
    assertThat(sp.minSafePoint()).isLessThanOrEqualTo(1000);
    assertThat(sim.gcSafePoints().services())
        .extracting(
            GcSafePoints.ServiceSafePoint::serviceId, GcSafePoints.ServiceSafePoint::safePoint)
        .contains(org.assertj.core.groups.Tuple.tuple("ticdc-test", 1000L));
    pd.updateServiceGcSafePoint("ticdc-test", 0, 0);
    assertThat(sim.gcSafePoints().services())
        .extracting(GcSafePoints.ServiceSafePoint::serviceId)
        .doesNotContain("ticdc-test");
  }

  @Test
  void skipsDeadEndpointsAndFailsClearlyWhenAllAreDead() throws Exception {
    String dead = "127.0.0.1:" + freePort();
    try (GrpcPdClient c = GrpcPdClient.connect(List.of(dead, sim.pdAddress()))) {
      assertThat(c.clusterId()).isEqualTo(sim.clusterId());
      assertThat(c.leaderAddress()).isEqualTo(sim.pdAddress());
    }
    assertThatThrownBy(
            () ->
                GrpcPdClient.connect(
                    List.of(dead),
                    Duration.ofSeconds(1),
                    new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)),
                    2))
        .isInstanceOf(PdException.class)
        .hasMessageContaining(dead);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
