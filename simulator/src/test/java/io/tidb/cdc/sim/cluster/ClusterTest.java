package io.tidb.cdc.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.mvcc.Applied;
import io.tidb.cdc.sim.mvcc.Mutation;
import io.tidb.cdc.sim.mvcc.Tso;
import io.tidb.cdc.tidb.codec.MemComparable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTest {
  private final Cluster cluster = new Cluster(42, new Tso(), 3, 3, "6.1.0");

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void startsWithOneRegionOverTheWholeKeySpaceReplicatedOnEveryStore() {
    List<Region> all = cluster.regions().all();
    assertThat(all).hasSize(1);
    Region r = all.get(0);
    assertThat(r.start()).isEmpty();
    assertThat(r.end()).isEmpty();
    assertThat(r.peers()).extracting(Peer::storeId).containsExactly(1L, 2L, 3L);
    assertThat(r.leader().storeId()).isEqualTo(1);
  }

  @Test
  void splitKeepsTheIdOnTheRightBumpsVersionsAndEncodesBoundaries() {
    Region parent = cluster.regions().all().get(0);
    List<Region> lr = cluster.split(b("m"));
    Region left = lr.get(0);
    Region right = lr.get(1);
    assertThat(right.id()).isEqualTo(parent.id());
    assertThat(left.id()).isNotEqualTo(parent.id());
    assertThat(left.version()).isEqualTo(parent.version() + 1);
    assertThat(right.version()).isEqualTo(parent.version() + 1);
    assertThat(left.meta().getEndKey().toByteArray())
        .isEqualTo(MemComparable.encodeBytes("m".getBytes()));
    assertThat(right.meta().getStartKey()).isEqualTo(left.meta().getEndKey());
    assertThat(cluster.regions().locate(b("a"))).isSameAs(left);
    assertThat(cluster.regions().locate(b("m"))).isSameAs(right);
    assertThat(cluster.regions().locateEncoded(right.meta().getStartKey())).isSameAs(right);
    assertThat(left.leader().storeId()).isEqualTo(parent.leader().storeId());
    assertThatThrownBy(() -> cluster.split(b("m"))).hasMessageContaining("already the start");
  }

  @Test
  void mergeJoinsAdjacentRegionsIntoTheTargetWithAHigherVersion() {
    List<Region> lr = cluster.split(b("m"));
    cluster.split(b("t"));
    Region mid = cluster.regions().locate(b("m"));
    Region merged = cluster.merge(lr.get(0).id(), mid.id());
    assertThat(merged.id()).isEqualTo(mid.id());
    assertThat(merged.start()).isEmpty();
    assertThat(merged.end()).isEqualTo(b("t"));
    assertThat(merged.version()).isGreaterThan(Math.max(lr.get(0).version(), mid.version()));
    assertThat(cluster.regions().byId(lr.get(0).id())).isEmpty();
    assertThat(cluster.regions().size()).isEqualTo(2);
    Region last = cluster.regions().locate(b("z"));
    assertThatThrownBy(() -> cluster.merge(last.id(), last.id()))
        .hasMessageContaining("not adjacent");
  }

  @Test
  void leaderTransferAndStoreStopMoveLeadersAndNotifyObservers() {
    List<String> seen = new ArrayList<>();
    cluster.addObserver(
        new ClusterObserver() {
          @Override
          public void onLeaderChange(Region before, Region after) {
            seen.add("leader " + before.leader().storeId() + "->" + after.leader().storeId());
          }

          @Override
          public void onStoreStopped(long storeId) {
            seen.add("stopped " + storeId);
          }
        });
    Region r = cluster.regions().all().get(0);
    cluster.transferLeader(r.id(), 2);
    cluster.stopStore(2);
    assertThat(seen).containsExactly("leader 1->2", "stopped 2", "leader 2->1");
    assertThat(cluster.regions().all().get(0).leader().storeId()).isEqualTo(1);
    assertThatThrownBy(() -> cluster.transferLeader(r.id(), 2)).hasMessageContaining("stopped");
    assertThatThrownBy(() -> cluster.stopStore(2)).hasMessageContaining("already stopped");
    cluster.startStore(2);
    assertThat(cluster.store(2).isUp()).isTrue();
  }

  @Test
  void transactionStepsAreReportedPerRegion() {
    cluster.split(b("m"));
    List<String> seen = new ArrayList<>();
    cluster.addObserver(
        new ClusterObserver() {
          @Override
          public void onApplied(Region region, List<? extends Applied> changes) {
            seen.add(region.id() + ":" + changes.size());
          }
        });
    Region left = cluster.regions().locate(b("a"));
    Region right = cluster.regions().locate(b("x"));
    cluster.prewrite(
        List.of(
            Mutation.put(b("a"), b("1")),
            Mutation.put(b("b"), b("2")),
            Mutation.put(b("x"), b("3"))),
        b("a"),
        10,
        1000);
    assertThat(seen).containsExactly(left.id() + ":2", right.id() + ":1");
  }

  @Test
  void writesToARegionWithoutRunningLeaderFail() {
    Cluster single = new Cluster(1, new Tso(), 2, 1, "6.1.0");
    single.stopStore(1);
    assertThatThrownBy(
            () -> single.prewrite(List.of(Mutation.put(b("a"), b("1"))), b("a"), 10, 1000))
        .isInstanceOf(RegionUnavailableException.class)
        .hasMessageContaining("no running leader");
  }

  @Test
  void regionErrorsFollowRaftstoreOrder() {
    Region r = cluster.regions().all().get(0);
    RegionTable t = cluster.regions();
    assertThat(RegionErrors.check(t, 1, 0, r.id(), r.epoch())).isEmpty();
    assertThat(
            RegionErrors.check(t, 2, 0, r.id(), r.epoch())
                .orElseThrow()
                .getNotLeader()
                .getLeader()
                .getStoreId())
        .isEqualTo(1);
    assertThat(RegionErrors.check(t, 1, 0, 999, r.epoch()).orElseThrow().hasRegionNotFound())
        .isTrue();
    assertThat(RegionErrors.check(t, 1, 2, r.id(), r.epoch()).orElseThrow().hasStoreNotMatch())
        .isTrue();
    var stale = r.epoch().toBuilder().setVersion(r.version() - 1).build();
    assertThat(
            RegionErrors.check(t, 1, 0, r.id(), stale)
                .orElseThrow()
                .getEpochNotMatch()
                .getCurrentRegionsList())
        .containsExactly(r.meta());
    // Only the version matters for reads and CDC registrations.
    var otherConf = r.epoch().toBuilder().setConfVer(r.confVer() + 5).build();
    assertThat(RegionErrors.check(t, 1, 0, r.id(), otherConf)).isEmpty();
  }
}
