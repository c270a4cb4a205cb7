package io.tidb.cdc.coord;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The etcd keys of one {@code TiCDCCluster}, all under {@code /tidb/cdc-k8s/<cluster>/}:
 *
 * <pre>
 * captures/&lt;capture&gt;                                   CaptureInfo, under the worker's lease
 * drain/&lt;capture&gt;                                      DrainRequest (operator)
 * changefeeds/&lt;ns&gt;/&lt;name&gt;/...                          see {@link ChangefeedKeys}
 * plugins/&lt;name&gt;/&lt;version&gt;/...                          plugin rollout (plugin issue)
 * </pre>
 *
 * @param cluster the {@code TiCDCCluster}'s namespace-qualified name, {@code <ns>.<name>}, so two
 *     clusters of the same name in different namespaces sharing one etcd never meet
 */
public record EtcdLayout(String cluster) {
  /** The root of every key this product writes. */
  public static final String ROOT = "/tidb/cdc-k8s/";

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  public EtcdLayout {
    requireSegment("cluster", cluster);
  }

  /** The layout of the cluster {@code name} in {@code namespace}. */
  public static EtcdLayout of(String namespace, String name) {
    requireSegment("namespace", namespace);
    requireSegment("name", name);
    return new EtcdLayout(namespace + "." + name);
  }

  public String prefix() {
    return ROOT + cluster + "/";
  }

  public String capturesPrefix() {
    return prefix() + "captures/";
  }

  public String capture(String captureId) {
    return capturesPrefix() + requireSegment("capture id", captureId);
  }

  public String drainPrefix() {
    return prefix() + "drain/";
  }

  public String drain(String captureId) {
    return drainPrefix() + requireSegment("capture id", captureId);
  }

  public String changefeedsPrefix() {
    return prefix() + "changefeeds/";
  }

  public ChangefeedKeys changefeed(ChangefeedId id) {
    return new ChangefeedKeys(changefeedsPrefix() + id.namespace() + "/" + id.name() + "/");
  }

  public String pluginsPrefix() {
    return prefix() + "plugins/";
  }

  /** The changefeed a key under {@link #changefeedsPrefix()} belongs to, if it is one. */
  public Optional<ChangefeedId> changefeedOf(String key) {
    if (!key.startsWith(changefeedsPrefix())) {
      return Optional.empty();
    }
    String[] parts = key.substring(changefeedsPrefix().length()).split("/", 3);
    if (parts.length < 3 || !SEGMENT.matcher(parts[0]).matches()) {
      return Optional.empty();
    }
    return Optional.of(new ChangefeedId(parts[0], parts[1]));
  }

  /** The last path segment of a key: the capture id of a capture or assignment key. */
  public static String lastSegment(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  static String requireSegment(String what, String value) {
    if (value == null || !SEGMENT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' cannot be part of an etcd key: use letters, digits, '.', '_' and '-'");
    }
    return value;
  }
}
