package io.tidb.cdc.sim.cdc;

import static io.tidb.cdc.sim.testing.FeedClient.error;
import static io.tidb.cdc.sim.testing.FeedClient.initialized;
import static io.tidb.cdc.sim.testing.FeedClient.resolvedAtLeast;
import static io.tidb.cdc.sim.testing.FeedClient.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.Cdcpb.Event.LogType;
import io.tidb.cdc.kvproto.Cdcpb.Event.Row.OpType;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.testing.FeedClient;
import io.tidb.cdc.sim.testing.FeedClient.Item;
import io.tidb.cdc.sim.txn.Transaction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EventFeed against the real gRPC servers: scan, live events, resolved ts and request errors. */
class EventFeedTest {
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

  static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private Region region() {
    return sim.cluster().regions().locate(b("a"));
  }

  private long put(String key, String value) {
    return sim.txn().begin().put(b(key), b(value)).commit();
  }

  @Test
  void scansCommittedRowsAndLocksThenStreamsLiveEventsAndResolvedTs() throws Exception {
    put("k0", "before-checkpoint");
    long checkpoint = sim.txn().currentTs();
    long c1 = sim.txn().begin().put(b("k1"), b("v1")).put(b("k2"), b("v2")).commit();
    Transaction pending = sim.txn().begin().put(b("k3"), b("v3"));
    pending.prewrite();

    Region r = region();
    client.register(r, 7, checkpoint, true);
    List<Item> scan = client.until(initialized(r.id()), WAIT);
    List<Cdcpb.Event.Row> scanned = rows(scan, r.id());
    assertThat(scanned)
        .filteredOn(row -> row.getType() == LogType.COMMITTED)
        .extracting(
            row -> row.getKey().toStringUtf8(), row -> row.getCommitTs(), Cdcpb.Event.Row::getValue)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("k1", c1, b("v1")),
            org.assertj.core.groups.Tuple.tuple("k2", c1, b("v2")));
    assertThat(scanned)
        .filteredOn(row -> row.getType() == LogType.PREWRITE)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.getKey()).isEqualTo(b("k3"));
              assertThat(row.getStartTs()).isEqualTo(pending.startTs());
            });
    assertThat(scan).allMatch(it -> it.event() == null || it.event().getRequestId() == 7);

    long c3 = pending.commit();
    Transaction update = sim.txn().begin().put(b("k1"), b("v1-new"));
    long c4 = update.commit();
    List<Item> live = client.until(resolvedAtLeast(r.id(), c4), WAIT);
    List<Cdcpb.Event.Row> liveRows = rows(live, r.id());
    assertThat(liveRows)
        .extracting(Cdcpb.Event.Row::getType, row -> row.getKey().toStringUtf8())
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple(LogType.COMMIT, "k3"),
            org.assertj.core.groups.Tuple.tuple(LogType.PREWRITE, "k1"),
            org.assertj.core.groups.Tuple.tuple(LogType.COMMIT, "k1"));
    Cdcpb.Event.Row prewrite =
        liveRows.stream()
            .filter(row -> row.getType() == LogType.PREWRITE)
            .findFirst()
            .orElseThrow();
    assertThat(prewrite.getOldValue()).isEqualTo(b("v1"));
    assertThat(prewrite.getValue()).isEqualTo(b("v1-new"));
    assertThat(liveRows)
        .filteredOn(row -> row.getType() == LogType.COMMIT)
        .extracting(Cdcpb.Event.Row::getCommitTs)
        .containsExactly(c3, c4);
  }

  @Test
  void resolvedTsNeverPassesAnOpenLockAndNeverMovesBack() throws Exception {
    Transaction t = sim.txn().begin().put(b("x"), b("1"));
    t.prewrite();
    Region r = region();
    client.register(r, 1, 0, false);
    client.until(initialized(r.id()), WAIT);
    long last = 0;
    for (int i = 0; i < 5; i++) {
      List<Item> got = client.until(it -> it.resolved() != null, WAIT);
      long ts = got.get(got.size() - 1).resolved().getTs();
      assertThat(ts).isLessThanOrEqualTo(t.startTs()).isGreaterThanOrEqualTo(last);
      last = ts;
    }
    long commitTs = t.commit();
    client.until(resolvedAtLeast(r.id(), commitTs), WAIT);
  }

  @Test
  void rollbackIsStreamedAsRollbackRow() throws Exception {
    Region r = region();
    client.register(r, 1, 0, false);
    client.until(initialized(r.id()), WAIT);
    Transaction t = sim.txn().begin().put(b("r"), b("1")).delete(b("s"));
    t.prewrite();
    t.rollback();
    List<Item> got =
        client.until(
            it ->
                rows(List.of(it), r.id()).stream()
                    .anyMatch(x -> x.getType() == LogType.ROLLBACK && x.getKey().equals(b("s"))),
            WAIT);
    List<Cdcpb.Event.Row> all = rows(got, r.id());
    assertThat(all)
        .filteredOn(x -> x.getType() == LogType.PREWRITE)
        .extracting(Cdcpb.Event.Row::getOpType)
        .containsExactly(OpType.PUT, OpType.DELETE);
    assertThat(all)
        .filteredOn(x -> x.getType() == LogType.ROLLBACK)
        .allSatisfy(
            x -> {
              assertThat(x.getStartTs()).isEqualTo(t.startTs());
              assertThat(x.getCommitTs()).isZero();
            });
  }

  @Test
  void longValuesTravelInPrewriteOnlyAsTikvShortValueRuleSays() throws Exception {
    Region r = region();
    client.register(r, 1, 0, false);
    client.until(initialized(r.id()), WAIT);
    String big = "x".repeat(300);
    long c = sim.txn().begin().put(b("short"), b("s")).put(b("long"), b(big)).commit();
    List<Item> got = client.until(resolvedAtLeast(r.id(), c), WAIT);
    List<Cdcpb.Event.Row> commits =
        rows(got, r.id()).stream().filter(x -> x.getType() == LogType.COMMIT).toList();
    assertThat(commits)
        .extracting(x -> x.getKey().toStringUtf8(), x -> x.getValue().size())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("short", 1),
            org.assertj.core.groups.Tuple.tuple("long", 0));
  }

  @Test
  void largeTransactionsAcrossRegionsArriveWholeInBoundedMessages() throws Exception {
    sim.admin().split(b("big-5000"));
    Region left = sim.cluster().regions().locate(b("big-0000"));
    Region right = sim.cluster().regions().locate(b("big-9999"));
    client.register(left, 1, 0, true);
    client.register(right, 2, 0, true);
    client.until(initialized(left.id()), WAIT);
    client.until(initialized(right.id()), WAIT);
    Transaction t = sim.txn().begin();
    ByteString value = b("v".repeat(1000));
    for (int i = 0; i < 10_000; i++) {
      t.put(b(String.format("big-%04d", i)), value);
    }
    long c = t.commit();
    List<Item> got = client.until(resolvedAtLeast(left.id(), c), WAIT);
    got.addAll(client.until(resolvedAtLeast(right.id(), c), WAIT));
    for (Region r : List.of(left, right)) {
      List<Cdcpb.Event.Row> rs = rows(got, r.id());
      assertThat(rs).filteredOn(x -> x.getType() == LogType.PREWRITE).hasSize(5000);
      assertThat(rs).filteredOn(x -> x.getType() == LogType.COMMIT).hasSize(5000);
    }
    // 10 MB of prewrites, yet no message comes near gRPC's default 4 MiB client limit.
    assertThat(client.maxMessageBytes()).isLessThan(2 << 20);
  }

  @Test
  void followerAnswersNotLeaderWithTheLeader() throws Exception {
    try (FeedClient follower = new FeedClient(sim.storeAddresses().get(2L), sim.clusterId())) {
      Region r = region();
      follower.register(r, 3, 0, false);
      Item err = last(follower.until(error(r.id()), WAIT));
      assertThat(err.event().getRequestId()).isEqualTo(3);
      assertThat(err.event().getError().getNotLeader().getLeader().getStoreId()).isEqualTo(1);
    }
  }

  @Test
  void staleEpochAnswersEpochNotMatchWithTheCurrentRegion() throws Exception {
    Region r = region();
    client.register(r.id(), r.epoch().toBuilder().setVersion(r.version() + 3).build(), 1, 0, false);
    Item err = last(client.until(error(r.id()), WAIT));
    assertThat(err.event().getError().getEpochNotMatch().getCurrentRegionsList())
        .containsExactly(r.meta());
  }

  @Test
  void unknownRegionAnswersRegionNotFound() throws Exception {
    client.register(424242, region().epoch(), 1, 0, false);
    Item err = last(client.until(error(424242), WAIT));
    assertThat(err.event().getError().getRegionNotFound().getRegionId()).isEqualTo(424242);
  }

  @Test
  void storeWithoutAPeerAnswersRegionNotFound() throws Exception {
    try (Simulator four =
            Simulator.start(SimulatorConfig.defaults().withStores(4).withReplicas(3));
        FeedClient c = new FeedClient(four.storeAddresses().get(4L), four.clusterId())) {
      Region r = four.cluster().regions().all().get(0);
      c.register(r, 1, 0, false);
      assertThat(last(c.until(error(r.id()), WAIT)).event().getError().hasRegionNotFound())
          .isTrue();
    }
  }

  @Test
  void secondRequestForTheSameRegionOnOneStreamIsADuplicate() throws Exception {
    Region r = region();
    client.register(r, 1, 0, false);
    client.register(r, 2, 0, false);
    Item err = last(client.until(error(r.id()), WAIT));
    assertThat(err.event().getRequestId()).isEqualTo(2);
    assertThat(err.event().getError().getDuplicateRequest().getRegionId()).isEqualTo(r.id());
    // The first subscription is unaffected.
    long c = put("d", "1");
    client.until(resolvedAtLeast(r.id(), c), WAIT);
    assertThat(sim.cdc().subscriptionCount()).isEqualTo(1);
  }

  @Test
  void streamMultiplexingAllowsTheSameRegionUnderSeveralRequestIds() throws Exception {
    try (FeedClient mux =
        new FeedClient(
            sim.storeAddresses().get(1L), sim.clusterId(), "8.5.0", "stream-multiplexing")) {
      Region r = region();
      mux.register(r, 1, 0, false);
      mux.register(r, 2, 0, false);
      List<Item> got =
          mux.until(it -> initialized(r.id()).test(it) && it.event().getRequestId() == 2, WAIT);
      assertThat(got).noneMatch(it -> it.event() != null && it.event().hasError());
      assertThat(sim.cdc().subscriptionCount()).isEqualTo(2);
    }
  }

  @Test
  void wrongClusterIdAnswersClusterIdMismatch() throws Exception {
    try (FeedClient other = new FeedClient(sim.storeAddresses().get(1L), 99)) {
      Region r = region();
      other.register(r, 1, 0, false);
      Cdcpb.Error e = last(other.until(error(r.id()), WAIT)).event().getError();
      assertThat(e.getClusterIdMismatch().getCurrent()).isEqualTo(sim.clusterId());
      assertThat(e.getClusterIdMismatch().getRequest()).isEqualTo(99);
    }
  }

  @Test
  void nonTidbKvApiAnswersCompatibility() throws Exception {
    Region r = region();
    client.send(
        client
            .request(r.id(), r.epoch(), 1, 0, false)
            .setKvApi(Cdcpb.ChangeDataRequest.KvAPI.RawKV)
            .build());
    assertThat(last(client.until(error(r.id()), WAIT)).event().getError().hasCompatibility())
        .isTrue();
  }

  @Test
  void busyStoreRefusesOneRegistrationAsRegionNotFound() throws Exception {
    sim.faults().storeBusy(1, 1);
    Region r = region();
    client.register(r, 1, 0, false);
    assertThat(last(client.until(error(r.id()), WAIT)).event().getError().hasRegionNotFound())
        .isTrue();
    client.register(r, 2, 0, false);
    client.until(initialized(r.id()), WAIT);
  }

  @Test
  void clientsOlderThan408GetPerRegionResolvedTs() throws Exception {
    try (FeedClient old =
        new FeedClient(sim.storeAddresses().get(1L), sim.clusterId(), "4.0.7", null)) {
      Region r = region();
      old.register(r, 5, 0, false);
      old.until(initialized(r.id()), WAIT);
      @SuppressWarnings("deprecation")
      Item resolved =
          last(
              old.until(
                  it ->
                      it.event() != null
                          && it.event().getEventCase() == Cdcpb.Event.EventCase.RESOLVED_TS,
                  WAIT));
      assertThat(resolved.event().getRequestId()).isEqualTo(5);
    }
  }

  @Test
  void observedRangeLimitsRowsToTheRequestedKeys() throws Exception {
    put("a1", "1");
    put("b1", "2");
    Region r = region();
    client.send(
        client
            .request(r.id(), r.epoch(), 1, 0, false)
            .setStartKey(Region.encode(b("b")))
            .setEndKey(Region.encode(b("c")))
            .build());
    List<Item> got = client.until(initialized(r.id()), WAIT);
    assertThat(rows(got, r.id()))
        .filteredOn(x -> x.getType() == LogType.COMMITTED)
        .extracting(x -> x.getKey().toStringUtf8())
        .containsExactly("b1");
  }

  @Test
  void clientHalfCloseEndsTheStreamAndItsSubscriptions() throws Exception {
    Region r = region();
    client.register(r, 1, 0, false);
    client.until(initialized(r.id()), WAIT);
    client.halfClose();
    Item end = last(client.until(FeedClient.streamEnd(), WAIT));
    assertThat(end.end().getCode()).isEqualTo(Status.Code.OK);
    assertThat(sim.cdc().subscriptionCount()).isZero();
  }

  static Item last(List<Item> items) {
    return items.get(items.size() - 1);
  }
}
