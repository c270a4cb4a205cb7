package io.tidb.cdc.operator.etcd;

import io.etcd.jetcd.Client;
import io.tidb.cdc.coord.EtcdLayout;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One etcd client per TiCDCCluster, kept while the cluster exists and rebuilt when its endpoints
 * change. Thread-safe.
 */
public final class EtcdConnections implements AutoCloseable {
  private final Duration timeout;
  private final Map<String, Entry> clients = new ConcurrentHashMap<>();

  private record Entry(List<String> endpoints, Client client, ClusterStore store) {}

  public EtcdConnections(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * The store of the cluster {@code name} in {@code namespace}, connected to {@code endpoints}: the
   * same instance while the endpoints stay the same, a new one (and the old client closed) when
   * they change.
   */
  public ClusterStore store(String namespace, String name, List<String> endpoints) {
    EtcdLayout layout = EtcdLayout.of(namespace, name);
    List<String> urls = endpoints.stream().map(EtcdConnections::url).sorted().toList();
    Entry entry =
        clients.compute(
            layout.cluster(),
            (k, old) -> {
              if (old != null && old.endpoints().equals(urls)) {
                return old;
              }
              if (old != null) {
                old.client().close();
              }
              Client client = Client.builder().endpoints(urls.toArray(String[]::new)).build();
              return new Entry(urls, client, new ClusterStore(client, layout, timeout));
            });
    return entry.store();
  }

  /** Closes the cluster's client (the cluster was deleted). */
  public void release(String namespace, String name) {
    Entry old = clients.remove(EtcdLayout.of(namespace, name).cluster());
    if (old != null) {
      old.client().close();
    }
  }

  @Override
  public void close() {
    clients.values().forEach(e -> e.client().close());
    clients.clear();
  }

  /** PD and etcd addresses may omit the scheme; jetcd needs one. */
  static String url(String endpoint) {
    String e = endpoint.trim();
    return e.startsWith("http://") || e.startsWith("https://") ? e : "http://" + e;
  }
}
