package io.tidb.cdc.worker.puller.pd;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.tidb.cdc.worker.tls.TlsConfig;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Plaintext or TLS for the gRPC channels to one upstream. PD and the TiKV stores of a TiDB cluster
 * share one security setting, so the channels to the stores use what PD's use.
 */
public final class ChannelSecurity {
  private static final ChannelSecurity PLAINTEXT = new ChannelSecurity(null, "plaintext");

  private final SslContext ssl; // null: plaintext
  private final String description;

  private ChannelSecurity(SslContext ssl, String description) {
    this.ssl = ssl;
    this.description = description;
  }

  public static ChannelSecurity plaintext() {
    return PLAINTEXT;
  }

  /** TLS trusting {@code tls}'s CA, presenting its client certificate if it has one. */
  public static ChannelSecurity tls(TlsConfig tls) {
    SslContextBuilder b =
        GrpcSslContexts.forClient().trustManager(tls.trustedCas().toArray(X509Certificate[]::new));
    tls.identity()
        .ifPresent(id -> b.keyManager(id.key(), id.chain().toArray(X509Certificate[]::new)));
    return new ChannelSecurity(build(b, tls.toString()), tls.toString());
  }

  /**
   * The security for the PD at {@code pdAddresses}: TLS from {@code tls} if given; else TLS with
   * the JVM's trusted CAs when an address is {@code https://...}; else plaintext.
   *
   * @throws IllegalArgumentException for an {@code http://} address together with TLS
   */
  public static ChannelSecurity forPd(List<String> pdAddresses, Optional<TlsConfig> tls) {
    boolean https = pdAddresses.stream().anyMatch(a -> scheme(a).equals("https"));
    Optional<String> http = pdAddresses.stream().filter(a -> scheme(a).equals("http")).findFirst();
    if ((tls.isPresent() || https) && http.isPresent()) {
      throw new IllegalArgumentException(
          "PD address "
              + http.get()
              + " says http:// but the upstream uses TLS"
              + tls.map(t -> " (" + t.dir() + ")").orElse("")
              + "; write https://host:port or host:port");
    }
    if (tls.isPresent()) {
      return tls(tls.get());
    }
    if (https) {
      return new ChannelSecurity(
          build(GrpcSslContexts.forClient(), "TLS with the JVM's trusted CAs"),
          "TLS with the JVM's trusted CAs");
    }
    return PLAINTEXT;
  }

  private static String scheme(String address) {
    int i = address.indexOf("://");
    return i < 0 ? "" : address.substring(0, i).trim().toLowerCase(Locale.ROOT);
  }

  private static SslContext build(SslContextBuilder b, String what) {
    try {
      return b.build();
    } catch (SSLException | RuntimeException e) {
      throw new IllegalArgumentException("cannot set up " + what + ": " + e.getMessage(), e);
    }
  }

  public boolean isTls() {
    return ssl != null;
  }

  /** A channel to {@code address} ({@code host:port} or a URL); it connects on first use. */
  public ManagedChannel open(String address) {
    String target = GrpcChannels.hostPort(address);
    if (ssl == null) {
      return ManagedChannelBuilder.forTarget(target)
          .usePlaintext()
          .maxInboundMessageSize(GrpcChannels.MAX_INBOUND_MESSAGE_BYTES)
          .build();
    }
    return NettyChannelBuilder.forTarget(target)
        .sslContext(ssl)
        .maxInboundMessageSize(GrpcChannels.MAX_INBOUND_MESSAGE_BYTES)
        .build();
  }

  /**
   * What went wrong in {@code e}, spelled out when it was the TLS handshake (gRPC itself only says
   * "UNAVAILABLE: io exception").
   */
  public String describe(StatusRuntimeException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        Throwable root = t;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        return "TLS handshake failed (" + description + "): " + root.getMessage();
      }
    }
    String detail = e.getStatus().getDescription();
    if (!isTls() && detail != null && detail.startsWith("Network closed")) {
      // What a plaintext HTTP/2 client sees when a TLS server drops its connection at once.
      return e.getMessage() + " (does the server require TLS? see --upstream-tls-dir)";
    }
    return e.getMessage();
  }

  @Override
  public String toString() {
    return description;
  }
}
