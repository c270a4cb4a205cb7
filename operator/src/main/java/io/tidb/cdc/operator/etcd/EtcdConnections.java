package io.tidb.cdc.operator.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.operator.tls.SecretTls;
import io.tidb.cdc.operator.tls.TlsSecretException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One etcd client per TiCDCCluster, kept while the cluster exists and rebuilt when its endpoints
 * change. Thread-safe.
 */
public final class EtcdConnections implements AutoCloseable {
  private final Duration timeout;
  private final SecretTls.Source secrets;
  private final Map<String, Entry> clients = new ConcurrentHashMap<>();

  /** {@code tls}: the fingerprint of the Secret's contents, empty for plaintext. */
  private record Entry(List<String> endpoints, String tls, Client client, ClusterStore store) {}

  /** Plaintext only (a cluster with an etcd TLS Secret is refused). */
  public EtcdConnections(Duration timeout) {
    this(
        timeout,
        (ns, name) -> {
          throw new TlsSecretException(
              ns + "/" + name, "TLS Secret " + ns + "/" + name + ": no Secret access");
        });
  }

  /** Reads etcd TLS Secrets through {@code secrets}. */
  public EtcdConnections(Duration timeout, SecretTls.Source secrets) {
    this.timeout = timeout;
    this.secrets = secrets;
  }

  /**
   * The store of the cluster {@code name} in {@code namespace}, connected to {@code endpoints}: the
   * same instance while the endpoints stay the same, a new one (and the old client closed) when
   * they change.
   */
  public ClusterStore store(String namespace, String name, List<String> endpoints) {
    try {
      return store(namespace, name, endpoints, Optional.empty());
    } catch (TlsSecretException e) {
      throw new IllegalStateException("no Secret was named, yet: " + e.getMessage(), e);
    }
  }

  /**
   * As {@link #store(String, String, List)}, over TLS from the Secret {@code tlsSecret} of the
   * namespace when given (read on every call, so a rotated Secret gets a new client).
   *
   * @throws TlsSecretException naming the Secret when it is missing or unusable
   */
  public ClusterStore store(
      String namespace, String name, List<String> endpoints, Optional<String> tlsSecret)
      throws TlsSecretException {
    EtcdLayout layout = EtcdLayout.of(namespace, name);
    Optional<SecretTls> tls =
        tlsSecret.isPresent()
            ? Optional.of(secrets.read(namespace, tlsSecret.get()))
            : Optional.empty();
    String scheme = tls.isPresent() ? "https://" : "http://";
    List<String> urls = endpoints.stream().map(e -> url(e, scheme)).sorted().toList();
    String fingerprint = tls.map(SecretTls::fingerprint).orElse("");
    Entry entry =
        clients.compute(
            layout.cluster(),
            (k, old) -> {
              if (old != null && old.endpoints().equals(urls) && old.tls().equals(fingerprint)) {
                return old;
              }
              if (old != null) {
                old.client().close();
              }
              ClientBuilder b = Client.builder().endpoints(urls.toArray(String[]::new));
              tls.ifPresent(t -> b.sslContext(t.sslContext()));
              Client client = b.build();
              return new Entry(
                  urls, fingerprint, client, new ClusterStore(client, layout, timeout));
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
    return url(endpoint, "http://");
  }

  private static String url(String endpoint, String scheme) {
    String e = endpoint.trim();
    return e.startsWith("http://") || e.startsWith("https://") ? e : scheme + e;
  }
}
