package io.tidb.cdc.worker.puller.pd;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.tidb.cdc.kvproto.PDGrpc;
import io.tidb.cdc.kvproto.Pdpb;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One timestamp over PD's bidirectional Tso stream (the worker needs few). */
final class TsoCall {
  private TsoCall() {}

  /** Asks for one timestamp; transport failures surface as {@link StatusRuntimeException}. */
  static Pdpb.TsoResponse once(
      ManagedChannel channel, Pdpb.RequestHeader header, Duration timeout) {
    CompletableFuture<Pdpb.TsoResponse> result = new CompletableFuture<>();
    StreamObserver<Pdpb.TsoRequest> requests =
        PDGrpc.newStub(channel)
            .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
            .tso(
                new StreamObserver<>() {
                  @Override
                  public void onNext(Pdpb.TsoResponse value) {
                    result.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    result.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    result.completeExceptionally(
                        Status.UNAVAILABLE
                            .withDescription("Tso stream ended without a timestamp")
                            .asRuntimeException());
                  }
                });
    try {
      requests.onNext(Pdpb.TsoRequest.newBuilder().setHeader(header).setCount(1).build());
      Pdpb.TsoResponse resp = result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      requests.onCompleted();
      return resp;
    } catch (ExecutionException e) {
      requests.onError(Status.CANCELLED.asRuntimeException());
      throw e.getCause() instanceof StatusRuntimeException s
          ? s
          : Status.UNKNOWN.withCause(e.getCause()).asRuntimeException();
    } catch (TimeoutException e) {
      requests.onError(Status.CANCELLED.asRuntimeException());
      throw Status.DEADLINE_EXCEEDED.withDescription("Tso").asRuntimeException();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requests.onError(Status.CANCELLED.asRuntimeException());
      throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
    }
  }
}
