package io.tidb.cdc.operator.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.coord.ChangefeedKeys;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.DrainRequest;
import io.tidb.cdc.coord.EtcdLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Reads and writes one TiCDCCluster's coordination keys ({@link EtcdLayout}). Every call is bounded
 * by a timeout and fails with {@link EtcdUnavailableException}, so a reconciler never hangs on an
 * unreachable etcd.
 */
public final class ClusterStore {
  private final Client client;
  private final EtcdLayout layout;
  private final Duration timeout;

  public ClusterStore(Client client, EtcdLayout layout, Duration timeout) {
    this.client = client;
    this.layout = layout;
    this.timeout = timeout;
  }

  public EtcdLayout layout() {
    return layout;
  }

  /** Everything under the cluster's prefix, at one revision. */
  public ClusterSnapshot snapshot() throws EtcdUnavailableException {
    var response =
        await(
            client
                .getKVClient()
                .get(bytes(layout.prefix()), GetOption.builder().isPrefix(true).build()),
            "read " + layout.prefix());
    List<io.tidb.cdc.operator.etcd.KeyValue> kvs = new ArrayList<>(response.getKvs().size());
    for (KeyValue kv : response.getKvs()) {
      kvs.add(
          new io.tidb.cdc.operator.etcd.KeyValue(
              kv.getKey().toString(StandardCharsets.UTF_8),
              kv.getValue().getBytes(),
              kv.getCreateRevision(),
              kv.getModRevision()));
    }
    return ClusterSnapshot.parse(layout, kvs, response.getHeader().getRevision());
  }

  /** The captures, drain requests and one changefeed's keys (two prefix reads). */
  public ClusterSnapshot snapshotOf(ChangefeedId id) throws EtcdUnavailableException {
    String cfPrefix = changefeedPrefix(id);
    List<io.tidb.cdc.operator.etcd.KeyValue> kvs = new ArrayList<>();
    long revision = 0;
    for (String prefix : List.of(layout.capturesPrefix(), layout.drainPrefix(), cfPrefix)) {
      var response =
          await(
              client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build()),
              "read " + prefix);
      revision = Math.max(revision, response.getHeader().getRevision());
      for (KeyValue kv : response.getKvs()) {
        kvs.add(
            new io.tidb.cdc.operator.etcd.KeyValue(
                kv.getKey().toString(StandardCharsets.UTF_8),
                kv.getValue().getBytes(),
                kv.getCreateRevision(),
                kv.getModRevision()));
      }
    }
    return ClusterSnapshot.parse(layout, kvs, revision);
  }

  private String changefeedPrefix(ChangefeedId id) {
    return layout.changefeed(id).prefix();
  }

  public void putInfo(ChangefeedInfo info) throws EtcdUnavailableException {
    put(layout.changefeed(info.id()).info(), CoordinationJson.encode(info));
  }

  public void putDrain(DrainRequest drain) throws EtcdUnavailableException {
    put(layout.drain(drain.capture()), CoordinationJson.encode(drain));
  }

  public void deleteDrain(String capture) throws EtcdUnavailableException {
    await(client.getKVClient().delete(bytes(layout.drain(capture))), "delete drain " + capture);
  }

  /** Deletes every key of the changefeed. */
  public void deleteChangefeed(ChangefeedId id) throws EtcdUnavailableException {
    String prefix = changefeedPrefix(id);
    await(
        client.getKVClient().delete(bytes(prefix), DeleteOption.builder().isPrefix(true).build()),
        "delete " + prefix);
  }

  /**
   * Writes assignments in one transaction that succeeds only if no assignment key of the changefeed
   * changed since it was read (compared by mod revision; 0 = absent).
   *
   * @param expected mod revision per capture of every assignment the plan was computed from
   * @return false when the compare failed: re-read and plan again
   */
  public boolean writeAssignments(
      ChangefeedId id,
      Map<String, Long> expected,
      Map<String, Assignment> writes,
      Iterable<String> deletes)
      throws EtcdUnavailableException {
    ChangefeedKeys keys = layout.changefeed(id);
    List<Cmp> cmps = new ArrayList<>();
    List<Op> ops = new ArrayList<>();
    for (var e : expected.entrySet()) {
      cmps.add(
          new Cmp(
              bytes(keys.assignment(e.getKey())),
              Cmp.Op.EQUAL,
              CmpTarget.modRevision(e.getValue())));
    }
    for (var e : writes.entrySet()) {
      if (!expected.containsKey(e.getKey())) {
        cmps.add(
            new Cmp(bytes(keys.assignment(e.getKey())), Cmp.Op.EQUAL, CmpTarget.modRevision(0)));
      }
      ops.add(
          Op.put(
              bytes(keys.assignment(e.getKey())),
              ByteSequence.from(CoordinationJson.encode(e.getValue())),
              PutOption.DEFAULT));
    }
    for (String capture : deletes) {
      ops.add(Op.delete(bytes(keys.assignment(capture)), DeleteOption.DEFAULT));
    }
    TxnResponse r =
        await(
            client
                .getKVClient()
                .txn()
                .If(cmps.toArray(Cmp[]::new))
                .Then(ops.toArray(Op[]::new))
                .commit(),
            "write assignments of " + id);
    return r.isSucceeded();
  }

  /**
   * Watches the cluster's prefix. The listener gets the keys of each batch of events; errors (etcd
   * gone) go to {@code onError}, after which the watch is dead and the caller opens a new one.
   */
  public Watch.Watcher watch(Consumer<List<Change>> listener, Consumer<Throwable> onError) {
    return client
        .getWatchClient()
        .watch(
            bytes(layout.prefix()),
            WatchOption.builder().isPrefix(true).build(),
            Watch.listener(
                response -> {
                  List<Change> changes = new ArrayList<>();
                  for (WatchEvent e : response.getEvents()) {
                    changes.add(
                        new Change(
                            e.getKeyValue().getKey().toString(StandardCharsets.UTF_8),
                            e.getEventType() == WatchEvent.EventType.DELETE
                                ? null
                                : e.getKeyValue().getValue().getBytes()));
                  }
                  if (!changes.isEmpty()) {
                    listener.accept(changes);
                  }
                },
                onError));
  }

  /** A watched change: the key and its new value (null when deleted). */
  public record Change(String key, byte[] value) {}

  private void put(String key, byte[] value) throws EtcdUnavailableException {
    await(client.getKVClient().put(bytes(key), ByteSequence.from(value)), "write " + key);
  }

  private <T> T await(CompletableFuture<T> future, String what) throws EtcdUnavailableException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new EtcdUnavailableException(
          "etcd did not answer within " + timeout.toSeconds() + "s to " + what, e);
    } catch (ExecutionException e) {
      throw new EtcdUnavailableException(
          "etcd refused to " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtcdUnavailableException("interrupted while trying to " + what, e);
    }
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
