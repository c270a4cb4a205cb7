package io.tidb.cdc.worker.capture;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.tidb.cdc.coord.CoordinationFormatException;
import io.tidb.cdc.coord.CoordinationJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory copy of everything under one prefix (the cluster's), loaded once and kept current by
 * a watch from the loaded revision; a broken watch reloads. Readers see each key's value, mod
 * revision and create revision, as the fencing of positions needs them.
 */
final class EtcdMirror implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdMirror.class);

  /** One key's value and revisions. */
  record Entry(byte[] value, long modRevision, long createRevision, long lease) {}

  private final Etcd etcd;
  private final String prefix;
  private final NavigableMap<String, Entry> entries = new ConcurrentSkipListMap<>();
  private final Runnable onChange;
  private volatile Watch.Watcher watcher;
  private volatile boolean closed;

  EtcdMirror(Etcd etcd, String prefix, Runnable onChange) {
    this.etcd = etcd;
    this.prefix = prefix;
    this.onChange = onChange;
  }

  /** Loads the prefix and starts watching it. */
  synchronized void start() {
    if (closed) {
      return;
    }
    GetResponse r =
        Etcd.await(
            "get " + prefix,
            etcd.kv().get(Etcd.bytes(prefix), GetOption.builder().isPrefix(true).build()));
    entries.clear();
    for (KeyValue kv : r.getKvs()) {
      put(kv);
    }
    long rev = r.getHeader().getRevision();
    if (watcher != null) {
      watcher.close();
    }
    watcher =
        etcd.client()
            .getWatchClient()
            .watch(
                Etcd.bytes(prefix),
                WatchOption.builder().isPrefix(true).withRevision(rev + 1).build(),
                Watch.listener(this::onWatch, this::onWatchError));
    onChange.run();
  }

  private void put(KeyValue kv) {
    entries.put(
        kv.getKey().toString(StandardCharsets.UTF_8),
        new Entry(
            kv.getValue().getBytes(), kv.getModRevision(), kv.getCreateRevision(), kv.getLease()));
  }

  private void onWatch(WatchResponse r) {
    for (WatchEvent e : r.getEvents()) {
      if (e.getEventType() == WatchEvent.EventType.DELETE) {
        entries.remove(e.getKeyValue().getKey().toString(StandardCharsets.UTF_8));
      } else if (e.getEventType() == WatchEvent.EventType.PUT) {
        put(e.getKeyValue());
      }
    }
    onChange.run();
  }

  private void onWatchError(Throwable t) {
    if (closed) {
      return;
    }
    LOG.warn("watch of {} broke ({}); reloading", prefix, t.toString());
    Thread reload =
        new Thread(
            () -> {
              while (!closed) {
                try {
                  start();
                  return;
                } catch (RuntimeException e) {
                  LOG.warn("reloading {} failed: {}", prefix, e.getMessage());
                  sleep(1000);
                }
              }
            },
            "etcd-mirror-reload");
    reload.setDaemon(true);
    reload.start();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Optional<Entry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Every key under {@code keyPrefix}. */
  Map<String, Entry> under(String keyPrefix) {
    return entries.subMap(keyPrefix, true, keyPrefix + Character.MAX_VALUE, false);
  }

  /** Decodes a key's value; empty when absent or unreadable (logged). */
  <T> Optional<T> decode(String key, Class<T> type) {
    Entry e = entries.get(key);
    if (e == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(CoordinationJson.decode(key, e.value(), type));
    } catch (CoordinationFormatException ex) {
      LOG.warn("{}", ex.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (watcher != null) {
      watcher.close();
    }
  }
}
