package io.tidb.cdc.operator.status;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Emits core/v1 Events about our resources (what {@code kubectl describe} lists under Events). A
 * failure to emit is logged, never propagated: events are best effort.
 */
public final class EventRecorder {
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  public static final String COMPONENT = "ticdc-operator";

  private final KubernetesClient client;
  private final AtomicLong sequence = new AtomicLong();

  public EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void normal(HasMetadata about, String reason, String message) {
    emit(reference(about), "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    emit(reference(about), "Warning", reason, message);
  }

  /** An event about an object known only by coordinates (e.g. a changefeed seen in etcd). */
  public void emit(ObjectReference about, String type, String reason, String message) {
    String now = Instant.now().toString();
    String name =
        about.getName()
            + "."
            + Long.toHexString(System.currentTimeMillis())
            + Long.toHexString(sequence.incrementAndGet()).toLowerCase(Locale.ROOT);
    try {
      client
          .v1()
          .events()
          .inNamespace(about.getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(about.getNamespace())
                  .endMetadata()
                  .withInvolvedObject(about)
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.debugf("cannot record event %s on %s: %s", reason, about.getName(), e.getMessage());
    }
  }

  public static ObjectReference reference(HasMetadata about) {
    return new ObjectReferenceBuilder()
        .withApiVersion(about.getApiVersion())
        .withKind(about.getKind())
        .withName(about.getMetadata().getName())
        .withNamespace(about.getMetadata().getNamespace())
        .withUid(about.getMetadata().getUid())
        .withResourceVersion(about.getMetadata().getResourceVersion())
        .build();
  }
}
