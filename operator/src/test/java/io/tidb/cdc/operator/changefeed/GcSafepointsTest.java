package io.tidb.cdc.operator.changefeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tidb.cdc.kvproto.PDGrpc;
import io.tidb.cdc.kvproto.Pdpb;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GcSafepointsTest {
  private static final long CLUSTER_ID = 6_800_000_000_000_000_001L;
  private final List<Pdpb.UpdateServiceGCSafePointRequest> seen = new CopyOnWriteArrayList<>();
  private Server pd;

  /** The two PD calls the release makes, answered the way PD answers them. */
  private final class FakePd extends PDGrpc.PDImplBase {
    @Override
    public void getMembers(
        Pdpb.GetMembersRequest request, StreamObserver<Pdpb.GetMembersResponse> out) {
      out.onNext(
          Pdpb.GetMembersResponse.newBuilder()
              .setHeader(Pdpb.ResponseHeader.newBuilder().setClusterId(CLUSTER_ID))
              .build());
      out.onCompleted();
    }

    @Override
    public void updateServiceGCSafePoint(
        Pdpb.UpdateServiceGCSafePointRequest request,
        StreamObserver<Pdpb.UpdateServiceGCSafePointResponse> out) {
      seen.add(request);
      Pdpb.ResponseHeader.Builder header =
          Pdpb.ResponseHeader.newBuilder().setClusterId(CLUSTER_ID);
      if (request.getHeader().getClusterId() != CLUSTER_ID) {
        header.setError(
            Pdpb.Error.newBuilder()
                .setType(Pdpb.ErrorType.UNKNOWN)
                .setMessage("mismatch cluster id"));
      }
      out.onNext(
          Pdpb.UpdateServiceGCSafePointResponse.newBuilder()
              .setHeader(header)
              .setServiceId(request.getServiceId())
              .build());
      out.onCompleted();
    }
  }

  @BeforeEach
  void start() throws Exception {
    pd =
        InProcessServerBuilder.forName("pd-test")
            .directExecutor()
            .addService(new FakePd())
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    pd.shutdownNow();
  }

  @Test
  void releasesTheServiceSafepointWithTtlZero() {
    var gc =
        new GcSafepoints(
            a -> InProcessChannelBuilder.forName(a).directExecutor().build(),
            Duration.ofSeconds(2));

    gc.release(List.of("unknown-pd", "pd-test"), GcSafepoints.serviceId("ns", "main", "orders"));

    assertThat(seen)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getServiceId().toStringUtf8()).isEqualTo("ticdc-k8s-ns.main-ns-orders");
              assertThat(r.getTTL()).isZero();
              assertThat(r.getHeader().getClusterId()).isEqualTo(CLUSTER_ID);
            });
  }

  @Test
  void noPdAnsweringIsReportedWithEachAddress() {
    var gc =
        new GcSafepoints(
            a -> InProcessChannelBuilder.forName(a).directExecutor().build(),
            Duration.ofMillis(500));

    assertThatThrownBy(() -> gc.release(List.of("nowhere-1", "nowhere-2"), "svc"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nowhere-1")
        .hasMessageContaining("nowhere-2");
  }
}
