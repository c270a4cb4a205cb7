package io.tidb.cdc.sim.pd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.tidb.cdc.kvproto.Metapb;
import io.tidb.cdc.kvproto.PDGrpc;
import io.tidb.cdc.kvproto.Pdpb;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.tidb.codec.MemComparable;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PD over gRPC: members, TSO, region routing across split and merge, stores, GC safe points. */
class PdServiceTest {
  private Simulator sim;
  private ManagedChannel channel;
  private PDGrpc.PDBlockingStub pd;
  private Pdpb.RequestHeader header;

  @BeforeEach
  void start() {
    sim = Simulator.start(SimulatorConfig.defaults());
    channel = NettyChannelBuilder.forTarget(sim.pdAddress()).usePlaintext().build();
    pd = PDGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    header = Pdpb.RequestHeader.newBuilder().setClusterId(sim.clusterId()).build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    sim.close();
  }

  private static ByteString enc(String raw) {
    return ByteString.copyFrom(MemComparable.encodeBytes(raw.getBytes()));
  }

  private Pdpb.GetRegionResponse regionOf(String raw) {
    return pd.getRegion(
        Pdpb.GetRegionRequest.newBuilder().setHeader(header).setRegionKey(enc(raw)).build());
  }

  @Test
  void membersNameThisServerAsLeaderAndItIsHealthy() {
    Pdpb.GetMembersResponse m = pd.getMembers(Pdpb.GetMembersRequest.getDefaultInstance());
    assertThat(m.getHeader().getClusterId()).isEqualTo(sim.clusterId());
    assertThat(m.getLeader().getClientUrlsList()).containsExactly("http://" + sim.pdAddress());
    assertThat(m.getMembersList()).containsExactly(m.getLeader());
    HealthCheckResponse health =
        HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void tsoStreamHandsOutStrictlyIncreasingBatches() throws Exception {
    LinkedBlockingQueue<Object> got = new LinkedBlockingQueue<>();
    StreamObserver<Pdpb.TsoRequest> req =
        PDGrpc.newStub(channel)
            .tso(
                new StreamObserver<>() {
                  @Override
                  public void onNext(Pdpb.TsoResponse r) {
                    got.add(r);
                  }

                  @Override
                  public void onError(Throwable t) {
                    got.add(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    long previousLast = 0;
    for (int i = 1; i <= 200; i++) {
      int count = 1 + i % 3;
      req.onNext(Pdpb.TsoRequest.newBuilder().setHeader(header).setCount(count).build());
      Object o = got.poll(5, TimeUnit.SECONDS);
      assertThat(o).isInstanceOf(Pdpb.TsoResponse.class);
      Pdpb.TsoResponse r = (Pdpb.TsoResponse) o;
      assertThat(r.getHeader().getClusterId()).isEqualTo(sim.clusterId());
      assertThat(r.getCount()).isEqualTo(count);
      long last = (r.getTimestamp().getPhysical() << 18) + r.getTimestamp().getLogical();
      long first = last - count + 1;
      assertThat(first).isGreaterThan(previousLast);
      previousLast = last;
    }
    req.onNext(Pdpb.TsoRequest.newBuilder().setCount(1).build()); // no cluster id
    Object o = got.poll(5, TimeUnit.SECONDS);
    assertThat(Status.fromThrowable((Throwable) o).getCode())
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void regionLookupsFollowSplitsAndMerges() {
    Pdpb.GetRegionResponse whole = regionOf("anything");
    assertThat(whole.getHeader().getClusterId()).isEqualTo(sim.clusterId());
    assertThat(whole.getRegion().getStartKey()).isEmpty();
    assertThat(whole.getLeader().getStoreId()).isEqualTo(1);

    List<Region> lr = sim.admin().split(ByteString.copyFromUtf8("m"));
    sim.admin().split(ByteString.copyFromUtf8("t"));
    Metapb.Region left = regionOf("a").getRegion();
    Metapb.Region mid = regionOf("m").getRegion();
    Metapb.Region right = regionOf("x").getRegion();
    assertThat(left).isEqualTo(lr.get(0).meta());
    assertThat(mid.getStartKey()).isEqualTo(enc("m"));
    assertThat(mid.getEndKey()).isEqualTo(enc("t"));
    assertThat(right.getStartKey()).isEqualTo(enc("t"));
    assertThat(right.getEndKey()).isEmpty();

    Pdpb.ScanRegionsResponse scan =
        pd.scanRegions(
            Pdpb.ScanRegionsRequest.newBuilder().setHeader(header).setStartKey(enc("b")).build());
    assertThat(scan.getRegionMetasList()).containsExactly(left, mid, right);
    assertThat(scan.getRegionsList())
        .extracting(Pdpb.Region::getRegion)
        .containsExactly(left, mid, right);
    assertThat(scan.getLeadersList()).hasSize(3);
    Pdpb.ScanRegionsResponse limited =
        pd.scanRegions(
            Pdpb.ScanRegionsRequest.newBuilder()
                .setHeader(header)
                .setStartKey(enc("n"))
                .setEndKey(enc("u"))
                .build());
    assertThat(limited.getRegionMetasList()).containsExactly(mid, right);
    assertThat(
            pd.scanRegions(
                    Pdpb.ScanRegionsRequest.newBuilder().setHeader(header).setLimit(1).build())
                .getRegionMetasList())
        .containsExactly(left);

    Pdpb.GetRegionResponse prev =
        pd.getPrevRegion(
            Pdpb.GetRegionRequest.newBuilder().setHeader(header).setRegionKey(enc("x")).build());
    assertThat(prev.getRegion()).isEqualTo(mid);
    assertThat(
            pd.getPrevRegion(
                    Pdpb.GetRegionRequest.newBuilder()
                        .setHeader(header)
                        .setRegionKey(enc("a"))
                        .build())
                .hasRegion())
        .isFalse();

    Region merged = sim.admin().merge(mid.getId(), right.getId());
    Metapb.Region afterMerge = regionOf("n").getRegion();
    assertThat(afterMerge).isEqualTo(merged.meta());
    assertThat(afterMerge.getId()).isEqualTo(right.getId());
    assertThat(afterMerge.getStartKey()).isEqualTo(enc("m"));
    assertThat(afterMerge.getRegionEpoch().getVersion())
        .isGreaterThan(right.getRegionEpoch().getVersion());
    assertThat(
            pd.getRegionByID(
                    Pdpb.GetRegionByIDRequest.newBuilder()
                        .setHeader(header)
                        .setRegionId(mid.getId())
                        .build())
                .hasRegion())
        .isFalse();
    assertThat(
            pd.getRegionByID(
                    Pdpb.GetRegionByIDRequest.newBuilder()
                        .setHeader(header)
                        .setRegionId(right.getId())
                        .build())
                .getRegion())
        .isEqualTo(afterMerge);

    sim.admin().transferLeader(right.getId(), 2);
    assertThat(regionOf("z").getLeader().getStoreId()).isEqualTo(2);
  }

  @Test
  void storesCarryTheirServingAddresses() {
    Pdpb.GetAllStoresResponse all =
        pd.getAllStores(Pdpb.GetAllStoresRequest.newBuilder().setHeader(header).build());
    assertThat(all.getStoresList())
        .extracting(Metapb.Store::getId, Metapb.Store::getAddress)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, sim.storeAddresses().get(1L)),
            org.assertj.core.groups.Tuple.tuple(2L, sim.storeAddresses().get(2L)),
            org.assertj.core.groups.Tuple.tuple(3L, sim.storeAddresses().get(3L)));
    Pdpb.GetStoreResponse one =
        pd.getStore(Pdpb.GetStoreRequest.newBuilder().setHeader(header).setStoreId(2).build());
    assertThat(one.getStore().getState()).isEqualTo(Metapb.StoreState.Up);
    assertThat(one.getStore().getVersion()).isEqualTo("6.1.0");
    Pdpb.GetStoreResponse missing =
        pd.getStore(Pdpb.GetStoreRequest.newBuilder().setHeader(header).setStoreId(9).build());
    assertThat(missing.getHeader().getError().getMessage()).contains("invalid store ID 9");
  }

  @Test
  void serviceSafePointsKeepTheMinimumAndGcSafePointOnlyAdvances() {
    Pdpb.UpdateServiceGCSafePointResponse first =
        pd.updateServiceGCSafePoint(
            Pdpb.UpdateServiceGCSafePointRequest.newBuilder()
                .setHeader(header)
                .setServiceId(ByteString.copyFromUtf8("ticdc"))
                .setTTL(600)
                .setSafePoint(1000)
                .build());
    assertThat(first.getServiceId().toStringUtf8()).isEqualTo("gc_worker");
    assertThat(first.getMinSafePoint()).isZero();

    pd.updateServiceGCSafePoint(
        Pdpb.UpdateServiceGCSafePointRequest.newBuilder()
            .setHeader(header)
            .setServiceId(ByteString.copyFromUtf8("gc_worker"))
            .setTTL(Long.MAX_VALUE)
            .setSafePoint(1500)
            .build());
    Pdpb.UpdateServiceGCSafePointResponse refused =
        pd.updateServiceGCSafePoint(
            Pdpb.UpdateServiceGCSafePointRequest.newBuilder()
                .setHeader(header)
                .setServiceId(ByteString.copyFromUtf8("late"))
                .setTTL(600)
                .setSafePoint(900)
                .build());
    assertThat(refused.getServiceId().toStringUtf8()).isEqualTo("ticdc");
    assertThat(refused.getMinSafePoint()).isEqualTo(1000);
    assertThat(refused.getTTL()).isBetween(598L, 600L);
    assertThat(sim.gcSafePoints().services())
        .extracting(GcSafePoints.ServiceSafePoint::serviceId)
        .doesNotContain("late");

    assertThat(
            pd.updateGCSafePoint(
                    Pdpb.UpdateGCSafePointRequest.newBuilder()
                        .setHeader(header)
                        .setSafePoint(800)
                        .build())
                .getNewSafePoint())
        .isEqualTo(800);
    assertThat(
            pd.updateGCSafePoint(
                    Pdpb.UpdateGCSafePointRequest.newBuilder()
                        .setHeader(header)
                        .setSafePoint(700)
                        .build())
                .getNewSafePoint())
        .isEqualTo(800);
    assertThat(
            pd.getGCSafePoint(Pdpb.GetGCSafePointRequest.newBuilder().setHeader(header).build())
                .getSafePoint())
        .isEqualTo(800);
  }

  @Test
  void requestsForAnotherClusterFailWithFailedPrecondition() {
    assertThatThrownBy(
            () ->
                pd.getRegion(
                    Pdpb.GetRegionRequest.newBuilder()
                        .setHeader(Pdpb.RequestHeader.newBuilder().setClusterId(1))
                        .build()))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("mismatch cluster id");
  }
}
