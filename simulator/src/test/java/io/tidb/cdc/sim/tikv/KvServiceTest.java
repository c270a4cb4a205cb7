package io.tidb.cdc.sim.tikv;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidb.cdc.kvproto.Errorpb;
import io.tidb.cdc.kvproto.Kvrpcpb;
import io.tidb.cdc.kvproto.TikvGrpc;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.txn.Transaction;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Snapshot reads over gRPC and the region errors a store answers them with. */
class KvServiceTest {
  private Simulator sim;
  private ManagedChannel[] channels;

  @BeforeEach
  void start() {
    sim = Simulator.start(SimulatorConfig.defaults().withSplitKeys(List.of(b("m"))));
    channels = new ManagedChannel[4];
    for (long s = 1; s <= 3; s++) {
      channels[(int) s] =
          NettyChannelBuilder.forTarget(sim.storeAddresses().get(s)).usePlaintext().build();
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (int i = 1; i <= 3; i++) {
      channels[i].shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    sim.close();
  }

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private TikvGrpc.TikvBlockingStub store(long id) {
    return TikvGrpc.newBlockingStub(channels[(int) id]).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private Kvrpcpb.Context ctx(Region r) {
    return Kvrpcpb.Context.newBuilder()
        .setRegionId(r.id())
        .setRegionEpoch(r.epoch())
        .setPeer(r.leader().toProto())
        .build();
  }

  private Region regionOf(String key) {
    return sim.cluster().regions().locate(b(key));
  }

  @Test
  void getScanAndBatchGetReadTheSnapshotAtTheirVersion() {
    long c1 =
        sim.txn().begin().put(b("a"), b("1")).put(b("b"), b("2")).put(b("c"), b("3")).commit();
    long c2 = sim.txn().begin().put(b("a"), b("1b")).delete(b("c")).commit();
    Region r = regionOf("a");

    Kvrpcpb.GetResponse atC1 =
        store(1)
            .kvGet(
                Kvrpcpb.GetRequest.newBuilder()
                    .setContext(ctx(r))
                    .setKey(b("a"))
                    .setVersion(c1)
                    .build());
    assertThat(atC1.getValue()).isEqualTo(b("1"));
    Kvrpcpb.GetResponse latest =
        store(1)
            .kvGet(
                Kvrpcpb.GetRequest.newBuilder()
                    .setContext(ctx(r))
                    .setKey(b("a"))
                    .setVersion(-1)
                    .build());
    assertThat(latest.getValue()).isEqualTo(b("1b"));
    Kvrpcpb.GetResponse missing =
        store(1)
            .kvGet(
                Kvrpcpb.GetRequest.newBuilder()
                    .setContext(ctx(r))
                    .setKey(b("c"))
                    .setVersion(c2)
                    .build());
    assertThat(missing.getNotFound()).isTrue();

    Kvrpcpb.ScanResponse scan =
        store(1)
            .kvScan(
                Kvrpcpb.ScanRequest.newBuilder()
                    .setContext(ctx(r))
                    .setStartKey(b("a"))
                    .setLimit(10)
                    .setVersion(c1)
                    .build());
    assertThat(scan.getPairsList())
        .extracting(p -> p.getKey().toStringUtf8(), p -> p.getValue().toStringUtf8())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "1"),
            org.assertj.core.groups.Tuple.tuple("b", "2"),
            org.assertj.core.groups.Tuple.tuple("c", "3"));

    Kvrpcpb.BatchGetResponse batch =
        store(1)
            .kvBatchGet(
                Kvrpcpb.BatchGetRequest.newBuilder()
                    .setContext(ctx(r))
                    .addKeys(b("a"))
                    .addKeys(b("c"))
                    .addKeys(b("zz-not-here-but-in-region"))
                    .setVersion(c2)
                    .build());
    assertThat(batch.hasRegionError()).isTrue(); // "zz.." lies in the other region
    batch =
        store(1)
            .kvBatchGet(
                Kvrpcpb.BatchGetRequest.newBuilder()
                    .setContext(ctx(r))
                    .addKeys(b("a"))
                    .addKeys(b("c"))
                    .setVersion(c2)
                    .build());
    assertThat(batch.getPairsList()).extracting(Kvrpcpb.KvPair::getKey).containsExactly(b("a"));
  }

  @Test
  void scanStopsAtTheRegionEnd() {
    sim.txn().begin().put(b("l"), b("1")).put(b("n"), b("2")).commit();
    Region left = regionOf("a");
    Kvrpcpb.ScanResponse scan =
        store(1)
            .kvScan(
                Kvrpcpb.ScanRequest.newBuilder()
                    .setContext(ctx(left))
                    .setStartKey(b("a"))
                    .setLimit(10)
                    .setVersion(-1)
                    .build());
    assertThat(scan.getPairsList()).extracting(p -> p.getKey().toStringUtf8()).containsExactly("l");
  }

  @Test
  void aLockAtOrBelowTheReadTsAnswersKeyIsLocked() {
    Transaction t = sim.txn().begin().put(b("k"), b("v"));
    t.prewrite();
    Region r = regionOf("k");
    long readTs = sim.txn().currentTs();
    Kvrpcpb.GetResponse get =
        store(1)
            .kvGet(
                Kvrpcpb.GetRequest.newBuilder()
                    .setContext(ctx(r))
                    .setKey(b("k"))
                    .setVersion(readTs)
                    .build());
    Kvrpcpb.LockInfo lock = get.getError().getLocked();
    assertThat(lock.getLockVersion()).isEqualTo(t.startTs());
    assertThat(lock.getPrimaryLock()).isEqualTo(b("k"));
    assertThat(lock.getKey()).isEqualTo(b("k"));
    assertThat(lock.getLockType()).isEqualTo(Kvrpcpb.Op.Put);

    Kvrpcpb.GetResponse before =
        store(1)
            .kvGet(
                Kvrpcpb.GetRequest.newBuilder()
                    .setContext(ctx(r))
                    .setKey(b("k"))
                    .setVersion(t.startTs() - 1)
                    .build());
    assertThat(before.hasError()).isFalse();
    assertThat(before.getNotFound()).isTrue();

    Kvrpcpb.ScanResponse scan =
        store(1)
            .kvScan(
                Kvrpcpb.ScanRequest.newBuilder()
                    .setContext(ctx(r))
                    .setStartKey(b("a"))
                    .setLimit(10)
                    .setVersion(readTs)
                    .build());
    assertThat(scan.getPairsList())
        .singleElement()
        .satisfies(p -> assertThat(p.getError().hasLocked()).isTrue());

    Kvrpcpb.GetResponse bypassed =
        store(1)
            .kvGet(
                Kvrpcpb.GetRequest.newBuilder()
                    .setContext(ctx(r).toBuilder().addResolvedLocks(t.startTs()))
                    .setKey(b("k"))
                    .setVersion(readTs)
                    .build());
    assertThat(bypassed.getNotFound()).isTrue();
  }

  @Test
  void regionErrorsAnswerMisroutedRequests() {
    Region r = regionOf("a");
    Kvrpcpb.GetRequest.Builder req = Kvrpcpb.GetRequest.newBuilder().setKey(b("a")).setVersion(-1);

    Errorpb.Error notLeader =
        store(2).kvGet(req.setContext(ctx(r).toBuilder().clearPeer()).build()).getRegionError();
    assertThat(notLeader.getNotLeader().getLeader().getStoreId()).isEqualTo(1);

    Errorpb.Error storeMismatch = store(2).kvGet(req.setContext(ctx(r)).build()).getRegionError();
    assertThat(storeMismatch.getStoreNotMatch().getActualStoreId()).isEqualTo(2);

    Kvrpcpb.Context stale =
        ctx(r).toBuilder()
            .setRegionEpoch(r.epoch().toBuilder().setVersion(r.version() - 1))
            .build();
    Errorpb.Error epoch = store(1).kvGet(req.setContext(stale).build()).getRegionError();
    assertThat(epoch.getEpochNotMatch().getCurrentRegionsList()).containsExactly(r.meta());

    Errorpb.Error notFound =
        store(1)
            .kvGet(req.setContext(ctx(r).toBuilder().setRegionId(9999)).build())
            .getRegionError();
    assertThat(notFound.getRegionNotFound().getRegionId()).isEqualTo(9999);

    Errorpb.Error outside =
        store(1).kvGet(req.setContext(ctx(r)).setKey(b("x")).build()).getRegionError();
    assertThat(outside.getKeyNotInRegion().getRegionId()).isEqualTo(r.id());

    sim.faults().storeBusy(1, 1);
    Errorpb.Error busy =
        store(1).kvGet(req.setContext(ctx(r)).setKey(b("a")).build()).getRegionError();
    assertThat(busy.hasServerIsBusy()).isTrue();
    assertThat(store(1).kvGet(req.build()).hasRegionError()).isFalse();
  }
}
