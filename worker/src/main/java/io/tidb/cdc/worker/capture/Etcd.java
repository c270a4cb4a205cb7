package io.tidb.cdc.worker.capture;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.worker.tls.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The few etcd operations a capture makes, synchronous and bounded by a timeout; every failure is
 * an {@link EtcdException} naming the operation and key.
 */
final class Etcd implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Client client;

  /** Plaintext. */
  Etcd(List<String> endpoints) {
    this(endpoints, Optional.empty());
  }

  /** TLS from {@code tls} when given; endpoints without a scheme get https:// then. */
  Etcd(List<String> endpoints, Optional<TlsConfig> tls) {
    String scheme = tls.isPresent() ? "https://" : "http://";
    ClientBuilder b =
        Client.builder()
            .endpoints(
                endpoints.stream()
                    .map(e -> e.contains("://") ? e : scheme + e)
                    .toArray(String[]::new));
    if (tls.isPresent()) {
      b.sslContext(sslContext(tls.get()));
    }
    this.client = b.build();
  }

  /** jetcd's (unshaded) Netty SSL context for {@code tls}. */
  private static SslContext sslContext(TlsConfig tls) {
    try {
      SslContextBuilder b =
          GrpcSslContexts.forClient()
              .trustManager(tls.trustedCas().toArray(X509Certificate[]::new));
      tls.identity()
          .ifPresent(id -> b.keyManager(id.key(), id.chain().toArray(X509Certificate[]::new)));
      return b.build();
    } catch (SSLException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot set up " + tls + " for etcd: " + e.getMessage(), e);
    }
  }

  Client client() {
    return client;
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  KV kv() {
    return client.getKVClient();
  }

  void put(String key, Object value, long leaseId) {
    PutOption opt =
        leaseId == 0 ? PutOption.DEFAULT : PutOption.builder().withLeaseId(leaseId).build();
    await(
        "put " + key, kv().put(bytes(key), ByteSequence.from(CoordinationJson.encode(value)), opt));
  }

  void delete(String key) {
    await("delete " + key, kv().delete(bytes(key), DeleteOption.DEFAULT));
  }

  /**
   * Creates {@code key} with {@code value} under the lease if it does not exist; true if created.
   */
  boolean createIfAbsent(String key, byte[] value, long leaseId) {
    TxnResponse r =
        await(
            "create " + key,
            kv().txn()
                .If(new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(
                    Op.put(
                        bytes(key),
                        ByteSequence.from(value),
                        PutOption.builder().withLeaseId(leaseId).build()))
                .commit());
    return r.isSucceeded();
  }

  static <T> T await(String what, CompletableFuture<T> f) {
    try {
      return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtcdException("etcd " + what + ": interrupted", e);
    } catch (ExecutionException e) {
      throw new EtcdException("etcd " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new EtcdException(
          "etcd " + what + ": no answer within " + TIMEOUT.toSeconds() + " s", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** An etcd call failed or timed out. */
  static final class EtcdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EtcdException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
