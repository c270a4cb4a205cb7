package io.tidb.cdc.worker.puller.pd;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;

/** How the puller opens and closes its gRPC channels to PD and TiKV. */
public final class GrpcChannels {
  /**
   * TiKV may pack many rows into one message; TiCDC allows far bigger messages than the default.
   */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 256 << 20;

  private GrpcChannels() {}

  /** A plaintext channel to {@code host:port} (a URL's scheme and trailing slash are dropped). */
  public static ManagedChannel open(String address) {
    return ManagedChannelBuilder.forTarget(hostPort(address))
        .usePlaintext()
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        .build();
  }

  /** {@code http://h:p/} → {@code h:p}. */
  public static String hostPort(String address) {
    String a = address.trim();
    int scheme = a.indexOf("://");
    if (scheme >= 0) {
      a = a.substring(scheme + 3);
    }
    while (a.endsWith("/")) {
      a = a.substring(0, a.length() - 1);
    }
    if (a.isEmpty()) {
      throw new IllegalArgumentException("empty gRPC address '" + address + "'");
    }
    return a;
  }

  /** Shuts {@code channel} down, waiting up to a second for calls to end. */
  public static void close(ManagedChannel channel) {
    channel.shutdownNow();
    try {
      channel.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
