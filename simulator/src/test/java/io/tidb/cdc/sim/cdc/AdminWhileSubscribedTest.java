package io.tidb.cdc.sim.cdc;

import static io.tidb.cdc.sim.cdc.EventFeedTest.b;
import static io.tidb.cdc.sim.cdc.EventFeedTest.last;
import static io.tidb.cdc.sim.testing.FeedClient.error;
import static io.tidb.cdc.sim.testing.FeedClient.initialized;
import static io.tidb.cdc.sim.testing.FeedClient.resolvedAtLeast;
import static io.tidb.cdc.sim.testing.FeedClient.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.testing.FeedClient;
import io.tidb.cdc.sim.testing.FeedClient.Item;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Split, merge, leader transfer and store stop while EventFeed subscriptions are open. */
class AdminWhileSubscribedTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private Simulator sim;
  private FeedClient client;

  @BeforeEach
  void start() {
    sim = Simulator.start(SimulatorConfig.defaults().withResolvedTsInterval(Duration.ofMillis(50)));
    client = new FeedClient(sim.storeAddresses().get(1L), sim.clusterId());
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private Region subscribe(String key, long requestId) throws InterruptedException {
    Region r = sim.cluster().regions().locate(b(key));
    client.register(r, requestId, 0, false);
    client.until(initialized(r.id()), WAIT);
    return r;
  }

  @Test
  void splitEndsTheSubscriptionWithEpochNotMatchNamingBothHalves() throws Exception {
    Region r = subscribe("a", 1);
    List<Region> halves = sim.admin().split(b("m"));
    Item err = last(client.until(error(r.id()), WAIT));
    assertThat(err.event().getRequestId()).isEqualTo(1);
    assertThat(err.event().getError().getEpochNotMatch().getCurrentRegionsList())
        .containsExactly(halves.get(0).meta(), halves.get(1).meta());
    assertThat(sim.cdc().subscriptionCount()).isZero();

    // Writes after the split reach nobody until the client subscribes to the new regions.
    long c = sim.txn().begin().put(b("a"), b("1")).put(b("z"), b("2")).commit();
    client.register(halves.get(0), 2, c - 1, false);
    client.register(halves.get(1), 3, c - 1, false);
    List<Item> got = client.until(resolvedAtLeast(halves.get(1).id(), c), WAIT);
    got.addAll(client.until(resolvedAtLeast(halves.get(0).id(), c), WAIT));
    assertThat(got)
        .filteredOn(it -> it.event() != null && it.event().hasEntries())
        .allMatch(it -> it.event().getRequestId() != 1);
    assertThat(rows(got, halves.get(0).id()))
        .filteredOn(x -> x.getType() == Cdcpb.Event.LogType.COMMITTED)
        .extracting(x -> x.getKey().toStringUtf8())
        .containsExactly("a");
    assertThat(rows(got, halves.get(1).id()))
        .filteredOn(x -> x.getType() == Cdcpb.Event.LogType.COMMITTED)
        .extracting(x -> x.getKey().toStringUtf8())
        .containsExactly("z");
  }

  @Test
  void mergeEndsSourceAndTargetSubscriptionsWithEpochNotMatch() throws Exception {
    List<Region> halves = sim.admin().split(b("m"));
    Region left = subscribe("a", 1);
    Region right = subscribe("z", 2);
    assertThat(left.id()).isEqualTo(halves.get(0).id());
    Region merged = sim.admin().merge(left.id(), right.id());
    Item e1 = last(client.until(error(left.id()), WAIT));
    Item e2 = last(client.until(error(right.id()), WAIT));
    assertThat(e1.event().getError().hasEpochNotMatch()).isTrue();
    assertThat(e1.event().getError().getEpochNotMatch().getCurrentRegionsCount()).isZero();
    assertThat(e2.event().getError().hasEpochNotMatch()).isTrue();

    // The old epoch is refused; the merged region (the target's id, newer epoch) is served.
    client.register(right, 3, 0, false);
    Item stale =
        last(
            client.until(it -> error(right.id()).test(it) && it.event().getRequestId() == 3, WAIT));
    assertThat(stale.event().getError().getEpochNotMatch().getCurrentRegionsList())
        .containsExactly(merged.meta());
    client.register(merged, 4, 0, false);
    client.until(initialized(merged.id()), WAIT);
  }

  @Test
  void leaderTransferEndsTheSubscriptionWithNotLeaderNamingTheNewLeader() throws Exception {
    Region r = subscribe("a", 1);
    sim.admin().transferLeader(r.id(), 3);
    Item err = last(client.until(error(r.id()), WAIT));
    Cdcpb.Error e = err.event().getError();
    assertThat(e.getNotLeader().getRegionId()).isEqualTo(r.id());
    assertThat(e.getNotLeader().getLeader().getStoreId()).isEqualTo(3);

    try (FeedClient leader = new FeedClient(sim.storeAddresses().get(3L), sim.clusterId())) {
      Region moved = sim.cluster().regions().byId(r.id()).orElseThrow();
      leader.register(moved, 2, 0, false);
      leader.until(initialized(r.id()), WAIT);
      long c = sim.txn().begin().put(b("k"), b("v")).commit();
      List<Item> got = leader.until(resolvedAtLeast(r.id(), c), WAIT);
      assertThat(rows(got, r.id()))
          .anyMatch(x -> x.getType() == Cdcpb.Event.LogType.COMMIT && x.getCommitTs() == c);
    }
  }

  @Test
  void storeStopBreaksTheStreamAndARestartedStoreServesAgain() throws Exception {
    Region r = subscribe("a", 1);
    String address = sim.storeAddresses().get(1L);
    sim.admin().stopStore(1);
    Item end = last(client.until(FeedClient.streamEnd(), WAIT));
    assertThat(end.end().getCode()).isNotEqualTo(Status.Code.OK);
    Region moved = sim.cluster().regions().byId(r.id()).orElseThrow();
    assertThat(moved.leader().storeId()).isNotEqualTo(1);
    assertThat(sim.cdc().subscriptionCount()).isZero();

    sim.admin().startStore(1);
    assertThat(sim.storeAddresses().get(1L)).isEqualTo(address);
    try (FeedClient again = new FeedClient(address, sim.clusterId())) {
      again.register(moved, 2, 0, false);
      // Store 1 is a follower now.
      Item err = last(again.until(error(r.id()), WAIT));
      assertThat(err.event().getError().getNotLeader().getLeader().getStoreId())
          .isEqualTo(moved.leader().storeId());
      sim.admin().transferLeader(r.id(), 1);
      again.register(sim.cluster().regions().byId(r.id()).orElseThrow(), 3, 0, false);
      again.until(initialized(r.id()), WAIT);
    }
  }
}
