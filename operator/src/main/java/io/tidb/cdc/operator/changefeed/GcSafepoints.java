package io.tidb.cdc.operator.changefeed;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.NettyChannelBuilder;
import io.tidb.cdc.kvproto.PDGrpc;
import io.tidb.cdc.kvproto.Pdpb;
import io.tidb.cdc.operator.tls.SecretTls;
import io.tidb.cdc.operator.tls.TlsSecretException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
  private final SecretTls.Source secrets;

  /** Plaintext only (a cluster with an upstream TLS Secret is refused). */
  public GcSafepoints(Duration timeout) {
    this(timeout, GcSafepoints::noSecrets);
  }

  /** Reads the upstream TLS Secrets through {@code secrets}. */
  public GcSafepoints(Duration timeout, SecretTls.Source secrets) {
    this.channels =
        address -> ManagedChannelBuilder.forTarget(strip(address)).usePlaintext().build();
    this.timeout = timeout;
    this.secrets = secrets;
  }

  /** With a channel factory (tests use in-process channels). */
  public GcSafepoints(Function<String, ManagedChannel> channels, Duration timeout) {
    this.channels = channels;
    this.timeout = timeout;
    this.secrets = GcSafepoints::noSecrets;
  }

  private static SecretTls noSecrets(String ns, String name) throws TlsSecretException {
    throw new TlsSecretException(
        ns + "/" + name, "TLS Secret " + ns + "/" + name + ": no Secret access");
  }

  /** The service id the maintainer keeps the safepoint under (the coordination contract). */
  public static String serviceId(String namespace, String cluster, String changefeed) {
    return "ticdc-k8s-" + namespace + "." + cluster + "-" + namespace + "-" + changefeed;
  }

  /**
   * @throws IllegalStateException naming each address and what went wrong when no PD answered
   */
  public void release(List<String> pdAddresses, String serviceId) {
    try {
      release(pdAddresses, "", Optional.empty(), serviceId);
    } catch (TlsSecretException e) {
      throw new IllegalStateException("no Secret was named, yet: " + e.getMessage(), e);
    }
  }

  /**
   * As {@link #release(List, String)}, over TLS from the Secret {@code tlsSecret} of {@code
   * namespace} (the cluster's {@code spec.upstream.tlsSecretRef}) when given.
   *
   * @throws TlsSecretException naming the Secret when it is missing or unusable
   * @throws IllegalStateException naming each address and what went wrong when no PD answered
   */
  public void release(
      List<String> pdAddresses, String namespace, Optional<String> tlsSecret, String serviceId)
      throws TlsSecretException {
    Optional<SecretTls> tls =
        tlsSecret.isPresent()
            ? Optional.of(secrets.read(namespace, tlsSecret.get()))
            : Optional.empty();
    StringBuilder failures = new StringBuilder();
    for (String address : pdAddresses) {
      ManagedChannel channel =
          tls.isPresent()
              ? NettyChannelBuilder.forTarget(strip(address))
                  .sslContext(tls.get().sslContext())
                  .build()
              : channels.apply(address);
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
