package io.tidb.cdc.worker.capture;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import io.tidb.cdc.coord.CoordinationJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The few etcd operations a capture makes, synchronous and bounded by a timeout; every failure is
 * an {@link EtcdException} naming the operation and key.
 */
final class Etcd implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Client client;

  Etcd(List<String> endpoints) {
    this.client =
        Client.builder()
            .endpoints(endpoints.stream().map(Etcd::withScheme).toArray(String[]::new))
            .build();
  }

  private static String withScheme(String endpoint) {
    return endpoint.contains("://") ? endpoint : "http://" + endpoint;
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
