package io.tidb.cdc.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates an owned object or updates it when what we want of it changed. The wish is fingerprinted
 * in an annotation, so fields the API server defaults never cause an update loop; no server-side
 * apply, which keeps the operator working against API servers (and test mocks) without it.
 */
public final class ResourceApplier {
  public static final String DESIRED_HASH = "cdc.tidb.io/desired-hash";

  private final KubernetesClient client;

  public ResourceApplier(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @return what the API server holds afterwards
   */
  public <T extends HasMetadata> T apply(T desired) {
    String hash = WorkerResources.sha256(Serialization.asJson(desired));
    Map<String, String> annotations = new HashMap<>();
    if (desired.getMetadata().getAnnotations() != null) {
      annotations.putAll(desired.getMetadata().getAnnotations());
    }
    annotations.put(DESIRED_HASH, hash);
    desired.getMetadata().setAnnotations(annotations);
    T existing = client.resource(desired).get();
    if (existing == null) {
      return client.resource(desired).create();
    }
    Map<String, String> have = existing.getMetadata().getAnnotations();
    if (have != null && hash.equals(have.get(DESIRED_HASH))) {
      return existing;
    }
    desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
    return client.resource(desired).update();
  }
}
