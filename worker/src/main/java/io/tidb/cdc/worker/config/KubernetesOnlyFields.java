package io.tidb.cdc.worker.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a standalone file that only mean something on Kubernetes (pod shape, Secrets,
 * plugins, the captures' etcd, dispatchers of a sink that is no message queue): accepted so the
 * same YAML works in both places, and ignored standalone. Pure.
 */
public final class KubernetesOnlyFields {
  private KubernetesOnlyFields() {}

  /** The paths of such fields that {@code file} sets, e.g. {@code TiCDCCluster spec.replicas}. */
  public static List<String> present(StandaloneFile file) {
    List<String> out = new ArrayList<>();
    TiCdcClusterSpec c = file.cluster().spec();
    if (c != null) {
      String at = TiCdcCluster.KIND + " spec.";
      add(out, c.replicas(), at + "replicas");
      add(out, c.image(), at + "image");
      add(out, c.imagePullPolicy(), at + "imagePullPolicy");
      add(out, c.resources(), at + "resources");
      add(out, c.jvm(), at + "jvm");
      add(out, c.sorterVolume(), at + "sorterVolume");
      add(out, c.etcd(), at + "etcd");
      add(out, c.drainTimeout(), at + "drainTimeout");
      add(
          out,
          c.upstream() == null ? null : c.upstream().tlsSecretRef(),
          at + "upstream.tlsSecretRef");
    }
    ChangefeedSpec f = file.changefeed().spec();
    if (f != null) {
      String at = Changefeed.KIND + " spec.";
      add(out, f.pluginRef(), at + "pluginRef");
      if (f.sink() != null) {
        add(out, f.sink().credentialsSecretRef(), at + "sink.credentialsSecretRef");
        if (f.sink().dispatchers() != null && !isMessageQueue(f.sink().uri())) {
          out.add(at + "sink.dispatchers");
        }
      }
    }
    return out;
  }

  private static boolean isMessageQueue(String uri) {
    return uri != null && (uri.startsWith("kafka") || uri.startsWith("pulsar"));
  }

  private static void add(List<String> out, Object value, String path) {
    if (value != null) {
      out.add(path);
    }
  }
}
