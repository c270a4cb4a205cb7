package io.tidb.cdc.sim;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for the simulator's PD and store gRPC servers, from PEM files: the server's certificate chain
 * and PKCS#8 key, and optionally a CA whose client certificates the servers then require (mutual
 * TLS, as a TiDB cluster with {@code security.ca-path} set does).
 */
public record ServerTls(Path certChain, Path privateKey, Optional<Path> clientCa) {
  public ServerTls {
    Objects.requireNonNull(certChain, "certChain");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(clientCa, "clientCa");
    requireReadable("certificate", certChain);
    requireReadable("key", privateKey);
    clientCa.ifPresent(ca -> requireReadable("client CA", ca));
  }

  private static void requireReadable(String what, Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("TLS " + what + " file " + file + " is not readable");
    }
  }

  /** Serves TLS on {@code builder}, requiring client certificates when a client CA is set. */
  public NettyServerBuilder applyTo(NettyServerBuilder builder) {
    return builder.sslContext(sslContext());
  }

  private SslContext sslContext() {
    try {
      SslContextBuilder b =
          GrpcSslContexts.configure(
              SslContextBuilder.forServer(certChain.toFile(), privateKey.toFile()));
      if (clientCa.isPresent()) {
        b.trustManager(clientCa.get().toFile()).clientAuth(ClientAuth.REQUIRE);
      }
      return b.build();
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "TLS: cannot use certificate "
              + certChain
              + " with key "
              + privateKey
              + clientCa.map(ca -> " and client CA " + ca).orElse("")
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
