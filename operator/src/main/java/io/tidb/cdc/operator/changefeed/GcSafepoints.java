package io.tidb.cdc.operator.changefeed;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.tidb.cdc.kvproto.PDGrpc;
import io.tidb.cdc.kvproto.Pdpb;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Releases a changefeed's PD service GC safepoint ({@code UpdateServiceGCSafePoint} with TTL 0),
 * which the maintainer normally does itself when the changefeed stops. Tries each PD address in
 * turn.
 */
public final class GcSafepoints {
  private final Function<String, ManagedChannel> channels;
  private final Duration timeout;

  public GcSafepoints(Duration timeout) {
    this(
        address -> ManagedChannelBuilder.forTarget(strip(address)).usePlaintext().build(), timeout);
  }

  /** With a channel factory (tests use in-process channels). */
  public GcSafepoints(Function<String, ManagedChannel> channels, Duration timeout) {
    this.channels = channels;
    this.timeout = timeout;
  }

  /** The service id the maintainer keeps the safepoint under (the coordination contract). */
  public static String serviceId(String namespace, String cluster, String changefeed) {
    return "ticdc-k8s-" + namespace + "." + cluster + "-" + namespace + "-" + changefeed;
  }

  /**
   * @throws IllegalStateException naming each address and what went wrong when no PD answered
   */
  public void release(List<String> pdAddresses, String serviceId) {
    StringBuilder failures = new StringBuilder();
    for (String address : pdAddresses) {
      ManagedChannel channel = channels.apply(address);
      try {
        var pd =
            PDGrpc.newBlockingStub(channel)
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long clusterId =
            pd.getMembers(Pdpb.GetMembersRequest.newBuilder().build()).getHeader().getClusterId();
        var response =
            pd.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .updateServiceGCSafePoint(
                    Pdpb.UpdateServiceGCSafePointRequest.newBuilder()
                        .setHeader(Pdpb.RequestHeader.newBuilder().setClusterId(clusterId))
                        .setServiceId(ByteString.copyFrom(serviceId, StandardCharsets.UTF_8))
                        .setTTL(0)
                        .setSafePoint(0)
                        .build());
        if (response.getHeader().hasError()) {
          failures
              .append(address)
              .append(": ")
              .append(response.getHeader().getError().getMessage())
              .append("; ");
          continue;
        }
        return;
      } catch (RuntimeException e) {
        failures.append(address).append(": ").append(e.getMessage()).append("; ");
      } finally {
        channel.shutdownNow();
      }
    }
    throw new IllegalStateException(
        "cannot release GC safepoint " + serviceId + " in PD: " + failures);
  }

  private static String strip(String address) {
    return address.replaceFirst("^https?://", "");
  }
}
