package io.tidb.cdc.operator.changefeed;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.coord.DesiredState;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.changefeed.ChangefeedStatus;
import io.tidb.cdc.crd.changefeed.LastError;
import io.tidb.cdc.crd.cluster.ClusterDefaults;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.crd.common.ConditionTypes;
import io.tidb.cdc.operator.cluster.ClusterStatusCalculator;
import io.tidb.cdc.operator.cluster.WorkerTls;
import io.tidb.cdc.operator.config.OperatorSettings;
import io.tidb.cdc.operator.config.RetryBackoff;
import io.tidb.cdc.operator.etcd.ClusterSnapshot;
import io.tidb.cdc.operator.etcd.ClusterStore;
import io.tidb.cdc.operator.etcd.EtcdConnections;
import io.tidb.cdc.operator.etcd.EtcdUnavailableException;
import io.tidb.cdc.operator.status.ConditionSpec;
import io.tidb.cdc.operator.status.Conditions;
import io.tidb.cdc.operator.status.EventRecorder;
import io.tidb.cdc.operator.tls.TlsSecretException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deleted Changefeed's clean-up (the finalizer's work, see {@link CleanupStage}): stop it, delete
 * its etcd state, release its GC safepoint. The etcd endpoints come from the TiCDCCluster, or from
 * the Changefeed's {@link EtcdEndpointsAnnotation} when the cluster was deleted first.
 */
final class ChangefeedCleanup {
  private static final Duration ETCD_RETRY = Duration.ofSeconds(5);

  private final EtcdConnections etcd;
  private final EventRecorder events;
  private final OperatorSettings settings;
  private final Clock clock;
  private final GcSafepoints gc;
  private final RetryBackoff tlsRetry;
  private final Map<String, Long> stopRequestedAt = new ConcurrentHashMap<>();

  ChangefeedCleanup(
      EtcdConnections etcd,
      EventRecorder events,
      OperatorSettings settings,
      Clock clock,
      GcSafepoints gc,
      RetryBackoff tlsRetry) {
    this.etcd = etcd;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
    this.gc = gc;
    this.tlsRetry = tlsRetry;
  }

  DeleteControl cleanup(Changefeed cf, KubernetesClient client) {
    String ns = cf.getMetadata().getNamespace();
    String uid = cf.getMetadata().getUid();
    var spec = cf.getSpec();
    TiCDCCluster cluster =
        spec == null || spec.cluster() == null
            ? null
            : client.resources(TiCDCCluster.class).inNamespace(ns).withName(spec.cluster()).get();
    boolean clusterGone = cluster == null || cluster.getSpec() == null;
    Optional<EtcdEndpointsAnnotation> where =
        clusterGone
            ? EtcdEndpointsAnnotation.read(cf)
            : Optional.of(
                new EtcdEndpointsAnnotation(
                    ClusterDefaults.etcdEndpoints(cluster.getSpec()),
                    WorkerTls.etcdSecret(cluster.getSpec())));
    if (where.isEmpty()) {
      events.warning(
          cf,
          "CleanupSkipped",
          "cluster gone and no "
              + EtcdEndpointsAnnotation.ENDPOINTS
              + " annotation: its etcd state cannot be reached; nothing to clean");
      return DeleteControl.defaultDelete();
    }
    ChangefeedId id = new ChangefeedId(ns, cf.getMetadata().getName());
    try {
      ClusterStore store =
          etcd.store(ns, spec.cluster(), where.get().endpoints(), where.get().tlsSecret());
      tlsRetry.reset(uid);
      CleanupStage stage = cleanupStep(cf, id, store);
      if (stage == CleanupStage.STOP_REQUESTED) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(1000);
      }
      if (clusterGone) {
        // The cluster's own clean-up closed its client already; this one was opened for us.
        etcd.release(ns, spec.cluster());
        events.normal(
            cf,
            "CleanedUp",
            "changefeed stopped and its etcd state deleted (cluster gone: endpoints from "
                + EtcdEndpointsAnnotation.ENDPOINTS
                + "; a GC safepoint the maintainer did not release expires by the gcTtl)");
      } else {
        releaseGc(cf, cluster, id);
        events.normal(cf, "CleanedUp", "changefeed stopped and its etcd state deleted");
      }
      stopRequestedAt.remove(uid);
      return DeleteControl.defaultDelete();
    } catch (TlsSecretException e) {
      blocked(client, cf, ClusterStatusCalculator.TLS_SECRET_INVALID, e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(tlsRetry.failed(uid).toMillis());
    } catch (EtcdUnavailableException e) {
      blocked(client, cf, "EtcdUnreachable", e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(ETCD_RETRY.toMillis());
    }
  }

  private CleanupStage cleanupStep(Changefeed cf, ChangefeedId id, ClusterStore store)
      throws EtcdUnavailableException {
    ClusterSnapshot snapshot = store.snapshotOf(id);
    var s = snapshot.changefeed(id);
    long now = clock.millis();
    if (s.info() != null && s.info().value().state() != DesiredState.STOPPED) {
      var i = s.info().value();
      store.putInfo(
          new ChangefeedInfo(
              i.id(), i.uid(), i.generation(), DesiredState.STOPPED, i.changefeed()));
      stopRequestedAt.putIfAbsent(cf.getMetadata().getUid(), now);
      events.normal(cf, "Stopping", "deleting: asked the maintainer to stop the changefeed");
    }
    long since = stopRequestedAt.getOrDefault(cf.getMetadata().getUid(), now);
    boolean stopped =
        s.info() == null
            || (s.progress() != null && "Stopped".equalsIgnoreCase(s.progress().phase()))
            || s.maintainer() == null
            || snapshot.captures().isEmpty()
            || now - since >= settings.cleanupWait().toMillis();
    if (!stopped) {
      return CleanupStage.STOP_REQUESTED;
    }
    store.deleteChangefeed(id);
    return CleanupStage.STATE_DELETED;
  }

  private void releaseGc(Changefeed cf, TiCDCCluster cluster, ChangefeedId id) {
    try {
      gc.release(
          cluster.getSpec().upstream().pdAddresses(),
          id.namespace(),
          WorkerTls.upstreamSecret(cluster.getSpec()),
          GcSafepoints.serviceId(id.namespace(), cf.getSpec().cluster(), id.name()));
    } catch (TlsSecretException | RuntimeException e) {
      events.warning(
          cf, "GcSafepointNotReleased", e.getMessage() + " (it expires by the cluster's gcTtl)");
    }
  }

  /** Event and status say why the finalizer stays; the caller requeues. */
  private void blocked(KubernetesClient client, Changefeed cf, String reason, String why) {
    String message = "deletion waits for etcd: " + why;
    events.warning(cf, "CleanupBlocked", message);
    try {
      client
          .resources(Changefeed.class)
          .inNamespace(cf.getMetadata().getNamespace())
          .withName(cf.getMetadata().getName())
          .editStatus(
              c -> {
                ChangefeedStatus base =
                    c.getStatus() == null ? ChangefeedStatus.builder().build() : c.getStatus();
                c.setStatus(
                    base.toBuilder()
                        .lastError(new LastError(message, clock.instant().toString(), null))
                        .conditions(
                            Conditions.merge(
                                base.conditions(),
                                List.of(
                                    new ConditionSpec(
                                        ConditionTypes.READY, false, "Deleting", message),
                                    new ConditionSpec(
                                        ConditionTypes.PROGRESSING,
                                        true,
                                        "CleanupBlocked",
                                        message),
                                    new ConditionSpec(
                                        ConditionTypes.DEGRADED, true, reason, message)),
                                c.getMetadata().getGeneration() == null
                                    ? 0
                                    : c.getMetadata().getGeneration(),
                                clock.instant()))
                        .build());
                return c;
              });
    } catch (KubernetesClientException e) {
      // The event above already says it; the status is best effort while deleting.
    }
  }
}
