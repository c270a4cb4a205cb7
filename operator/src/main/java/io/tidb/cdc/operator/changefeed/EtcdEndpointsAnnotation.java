package io.tidb.cdc.operator.changefeed;

import io.tidb.cdc.crd.changefeed.Changefeed;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Changefeed's etcd state lives, remembered on the Changefeed itself ({@code
 * cdc.tidb.io/etcd-endpoints}, comma-separated, and {@code cdc.tidb.io/etcd-tls-secret} when the
 * cluster used one) when the operator writes its {@code info}: the deletion clean-up can then reach
 * etcd even when the TiCDCCluster was deleted first. Pure.
 *
 * @param endpoints the etcd endpoints as the cluster spec gave them
 * @param tlsSecret the etcd TLS Secret of the namespace, if any
 */
public record EtcdEndpointsAnnotation(List<String> endpoints, Optional<String> tlsSecret) {
  public static final String ENDPOINTS = "cdc.tidb.io/etcd-endpoints";
  public static final String TLS_SECRET = "cdc.tidb.io/etcd-tls-secret";

  /** What the Changefeed remembers, if it has the endpoints annotation. */
  public static Optional<EtcdEndpointsAnnotation> read(Changefeed cf) {
    Map<String, String> a = cf.getMetadata() == null ? null : cf.getMetadata().getAnnotations();
    String endpoints = a == null ? null : a.get(ENDPOINTS);
    if (endpoints == null || endpoints.isBlank()) {
      return Optional.empty();
    }
    List<String> list =
        Arrays.stream(endpoints.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    String tls = a.get(TLS_SECRET);
    return Optional.of(
        new EtcdEndpointsAnnotation(
            list, tls == null || tls.isBlank() ? Optional.empty() : Optional.of(tls)));
  }

  /** True when the Changefeed already remembers exactly this. */
  public boolean isOn(Changefeed cf) {
    return read(cf).map(this::equals).orElse(false);
  }

  /**
   * The annotations as a JSON merge patch sets them (a null value removes a TLS Secret no longer
   * used).
   */
  public Map<String, String> asPatch() {
    Map<String, String> out = new HashMap<>();
    out.put(ENDPOINTS, String.join(",", endpoints));
    out.put(TLS_SECRET, tlsSecret.orElse(null));
    return out;
  }

  /** Applies {@link #asPatch()} to the in-memory resource, as the API server did. */
  public void applyTo(Changefeed cf) {
    Map<String, String> a =
        cf.getMetadata().getAnnotations() == null
            ? new HashMap<>()
            : new HashMap<>(cf.getMetadata().getAnnotations());
    asPatch()
        .forEach(
            (k, v) -> {
              if (v == null) {
                a.remove(k);
              } else {
                a.put(k, v);
              }
            });
    cf.getMetadata().setAnnotations(a);
  }

  public EtcdEndpointsAnnotation {
    Objects.requireNonNull(endpoints, "endpoints");
    Objects.requireNonNull(tlsSecret, "tlsSecret");
    endpoints = List.copyOf(endpoints);
  }
}
