package io.tidb.cdc.worker.puller.pd;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** Addresses and shutdown of the puller's gRPC channels ({@link ChannelSecurity} opens them). */
public final class GrpcChannels {
  /**
   * TiKV may pack many rows into one message; TiCDC allows far bigger messages than the default.
   */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 256 << 20;

  private GrpcChannels() {}

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
