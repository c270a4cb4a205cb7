package io.tidb.cdc.sim.cdc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.ChangeDataGrpc;

/**
 * {@code cdcpb.ChangeData} of one store: every EventFeed stream becomes a {@link FeedConnection}.
 */
public final class ChangeDataService extends ChangeDataGrpc.ChangeDataImplBase {
  /** gRPC metadata through which newer TiCDC clients ask for optional features. */
  static final Metadata.Key<String> FEATURES =
      Metadata.Key.of("features", Metadata.ASCII_STRING_MARSHALLER);

  private static final Context.Key<String> FEATURES_IN_CONTEXT = Context.key("cdc-features");

  private final long storeId;
  private final CdcHub hub;

  public ChangeDataService(long storeId, CdcHub hub) {
    this.storeId = storeId;
    this.hub = hub;
  }

  /** The service with the interceptor that exposes the {@code features} header to it. */
  public ServerServiceDefinition definition() {
    return ServerInterceptors.intercept(this, new FeaturesInterceptor());
  }

  @Override
  public StreamObserver<Cdcpb.ChangeDataRequest> eventFeed(
      StreamObserver<Cdcpb.ChangeDataEvent> responseObserver) {
    ServerCallStreamObserver<Cdcpb.ChangeDataEvent> out =
        (ServerCallStreamObserver<Cdcpb.ChangeDataEvent>) responseObserver;
    FeedConnection conn = hub.open(storeId, out, FEATURES_IN_CONTEXT.get());
    return new StreamObserver<>() {
      @Override
      public void onNext(Cdcpb.ChangeDataRequest request) {
        hub.onRequest(conn, request);
      }

      @Override
      public void onError(Throwable t) {
        hub.closeConnection(conn, Status.CANCELLED);
      }

      @Override
      public void onCompleted() {
        // TiKV drops a connection's subscriptions when the client stops sending requests.
        hub.closeConnection(conn, Status.OK);
      }
    };
  }

  private static final class FeaturesInterceptor implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      Context ctx = Context.current().withValue(FEATURES_IN_CONTEXT, headers.get(FEATURES));
      return Contexts.interceptCall(ctx, call, headers, next);
    }
  }
}
