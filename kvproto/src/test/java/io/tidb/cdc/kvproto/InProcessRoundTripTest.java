package io.tidb.cdc.kvproto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated stubs carry a {@code cdcpb.ChangeDataRequest} and a {@code pdpb.GetMembersRequest}
 * through a real gRPC server (in-process transport) and back, field for field.
 */
class InProcessRoundTripTest {
  private static final long CLUSTER_ID = 6_800_000_000_000_000_001L;

  private final List<Cdcpb.ChangeDataRequest> seenByTikv = new CopyOnWriteArrayList<>();
  private final List<Pdpb.GetMembersRequest> seenByPd = new CopyOnWriteArrayList<>();
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(new EchoChangeData())
            .addService(new FixedPd())
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void changeDataRequestReachesTheServerAndEventsComeBack() throws Exception {
    Cdcpb.ChangeDataRequest request =
        Cdcpb.ChangeDataRequest.newBuilder()
            .setHeader(Cdcpb.Header.newBuilder().setClusterId(CLUSTER_ID).setTicdcVersion("7.5.0"))
            .setRegionId(42)
            .setRegionEpoch(Metapb.RegionEpoch.newBuilder().setConfVer(3).setVersion(9))
            .setCheckpointTs(449_000_000_000_000_000L)
            .setStartKey(
                ByteString.copyFromUtf8("t\u0080\u0000\u0000\u0000\u0000\u0000\u0000\u0001"))
            .setEndKey(ByteString.copyFromUtf8("t\u0080\u0000\u0000\u0000\u0000\u0000\u0000\u0002"))
            .setRequestId(7)
            .setExtraOp(Kvrpcpb.ExtraOp.ReadOldValue)
            .setRegister(Cdcpb.ChangeDataRequest.Register.getDefaultInstance())
            .build();

    LinkedBlockingQueue<Cdcpb.ChangeDataEvent> received = new LinkedBlockingQueue<>();
    StreamObserver<Cdcpb.ChangeDataRequest> requests =
        ChangeDataGrpc.newStub(channel).eventFeed(new Collecting<>(received));
    requests.onNext(request);

    Cdcpb.ChangeDataEvent event = received.poll(5, TimeUnit.SECONDS);
    requests.onCompleted();

    assertThat(seenByTikv).containsExactly(request);
    assertThat(event).isNotNull();
    Cdcpb.Event regionEvent = event.getEvents(0);
    assertThat(regionEvent.getRegionId()).isEqualTo(42);
    assertThat(regionEvent.getRequestId()).isEqualTo(7);
    assertThat(regionEvent.getEventCase()).isEqualTo(Cdcpb.Event.EventCase.ENTRIES);
    List<Cdcpb.Event.Row> rows = regionEvent.getEntries().getEntriesList();
    assertThat(rows)
        .extracting(Cdcpb.Event.Row::getType)
        .containsExactly(Cdcpb.Event.LogType.COMMITTED, Cdcpb.Event.LogType.INITIALIZED);
    assertThat(rows.get(0).getKey()).isEqualTo(request.getStartKey());
    assertThat(rows.get(0).getCommitTs()).isEqualTo(request.getCheckpointTs() + 1);
    assertThat(event.getResolvedTs().getRegionsList()).containsExactly(42L);
    assertThat(event.getResolvedTs().getTs()).isEqualTo(request.getCheckpointTs());
  }

  @Test
  void getMembersRequestReachesPdAndMembersComeBack() {
    Pdpb.GetMembersRequest request =
        Pdpb.GetMembersRequest.newBuilder()
            .setHeader(Pdpb.RequestHeader.newBuilder().setClusterId(CLUSTER_ID).setSenderId(5))
            .build();

    Pdpb.GetMembersResponse response = PDGrpc.newBlockingStub(channel).getMembers(request);

    assertThat(seenByPd).containsExactly(request);
    assertThat(response.getHeader().getClusterId()).isEqualTo(CLUSTER_ID);
    assertThat(response.getMembersList())
        .extracting(Pdpb.Member::getName)
        .containsExactly("pd-0", "pd-1");
    assertThat(response.getLeader().getClientUrls(0)).isEqualTo("http://127.0.0.1:2379");
  }

  /** Answers each registration with one committed row at the checkpoint + 1 and INITIALIZED. */
  private final class EchoChangeData extends ChangeDataGrpc.ChangeDataImplBase {
    @Override
    public StreamObserver<Cdcpb.ChangeDataRequest> eventFeed(
        StreamObserver<Cdcpb.ChangeDataEvent> events) {
      return new StreamObserver<>() {
        @Override
        public void onNext(Cdcpb.ChangeDataRequest req) {
          seenByTikv.add(req);
          Cdcpb.Event.Row committed =
              Cdcpb.Event.Row.newBuilder()
                  .setType(Cdcpb.Event.LogType.COMMITTED)
                  .setOpType(Cdcpb.Event.Row.OpType.PUT)
                  .setStartTs(req.getCheckpointTs())
                  .setCommitTs(req.getCheckpointTs() + 1)
                  .setKey(req.getStartKey())
                  .setValue(ByteString.copyFromUtf8("v"))
                  .build();
          Cdcpb.Event.Row initialized =
              Cdcpb.Event.Row.newBuilder().setType(Cdcpb.Event.LogType.INITIALIZED).build();
          events.onNext(
              Cdcpb.ChangeDataEvent.newBuilder()
                  .addEvents(
                      Cdcpb.Event.newBuilder()
                          .setRegionId(req.getRegionId())
                          .setRequestId(req.getRequestId())
                          .setEntries(
                              Cdcpb.Event.Entries.newBuilder()
                                  .addEntries(committed)
                                  .addEntries(initialized)))
                  .setResolvedTs(
                      Cdcpb.ResolvedTs.newBuilder()
                          .addRegions(req.getRegionId())
                          .setTs(req.getCheckpointTs()))
                  .build());
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          events.onCompleted();
        }
      };
    }
  }

  private final class FixedPd extends PDGrpc.PDImplBase {
    @Override
    public void getMembers(
        Pdpb.GetMembersRequest request, StreamObserver<Pdpb.GetMembersResponse> response) {
      seenByPd.add(request);
      Pdpb.Member leader = member("pd-0", 2379);
      response.onNext(
          Pdpb.GetMembersResponse.newBuilder()
              .setHeader(Pdpb.ResponseHeader.newBuilder().setClusterId(CLUSTER_ID))
              .addMembers(leader)
              .addMembers(member("pd-1", 2381))
              .setLeader(leader)
              .setEtcdLeader(leader)
              .build());
      response.onCompleted();
    }

    private static Pdpb.Member member(String name, int port) {
      return Pdpb.Member.newBuilder()
          .setName(name)
          .setMemberId(port)
          .addClientUrls("http://127.0.0.1:" + port)
          .addPeerUrls("http://127.0.0.1:" + (port + 1))
          .build();
    }
  }

  private record Collecting<T>(LinkedBlockingQueue<T> sink) implements StreamObserver<T> {
    @Override
    public void onNext(T value) {
      sink.add(value);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
