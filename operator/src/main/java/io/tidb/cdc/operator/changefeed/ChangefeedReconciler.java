package io.tidb.cdc.operator.changefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.DesiredState;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.changefeed.ChangefeedDefaults;
import io.tidb.cdc.crd.changefeed.ChangefeedPhase;
import io.tidb.cdc.crd.changefeed.ChangefeedState;
import io.tidb.cdc.crd.changefeed.ChangefeedStatus;
import io.tidb.cdc.crd.cluster.ClusterDefaults;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.crd.plugin.SinkPlugin;
import io.tidb.cdc.operator.cluster.WorkerTls;
import io.tidb.cdc.operator.config.OperatorSettings;
import io.tidb.cdc.operator.etcd.ClusterSnapshot;
import io.tidb.cdc.operator.etcd.ClusterStore;
import io.tidb.cdc.operator.etcd.EtcdConnections;
import io.tidb.cdc.operator.etcd.EtcdUnavailableException;
import io.tidb.cdc.operator.placement.PlacementController;
import io.tidb.cdc.operator.status.EventRecorder;
import io.tidb.cdc.operator.status.OperatorMetrics;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Changefeed → its desired state in etcd ({@code info}), its status mirrored from etcd, and on
 * deletion a clean-up (stop, delete the etcd state, release the GC safepoint). Placement itself is
 * the {@link PlacementController}'s job; this reconciler only nudges it after writing {@code info}.
 *
 * <p>Status is refreshed by a periodic reschedule ({@link OperatorSettings#statusInterval()}), so
 * it is written at most once per interval while it changes, never once per etcd event.
 */
@ControllerConfiguration(name = ChangefeedReconciler.NAME)
public class ChangefeedReconciler implements Reconciler<Changefeed>, Cleaner<Changefeed> {
  public static final String NAME = "changefeed";

  private final EtcdConnections etcd;
  private final PlacementController placement;
  private final EventRecorder events;
  private final OperatorSettings settings;
  private final Clock clock;
  private final GcSafepoints gc;
  private final OperatorMetrics metrics;
  private final Map<String, Long> lastWrite = new ConcurrentHashMap<>();
  private final Map<String, Long> stopRequestedAt = new ConcurrentHashMap<>();

  @Inject
  public ChangefeedReconciler(
      EtcdConnections etcd,
      PlacementController placement,
      EventRecorder events,
      OperatorSettings settings,
      Clock clock,
      GcSafepoints gc,
      OperatorMetrics metrics) {
    this.etcd = etcd;
    this.metrics = metrics;
    this.placement = placement;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
    this.gc = gc;
  }

  @Override
  public UpdateControl<Changefeed> reconcile(Changefeed cf, Context<Changefeed> context) {
    KubernetesClient client = context.getClient();
    String ns = cf.getMetadata().getNamespace();
    long generation =
        cf.getMetadata().getGeneration() == null ? 0 : cf.getMetadata().getGeneration();
    List<String> problems = ChangefeedValidation.problems(cf.getSpec());
    if (!problems.isEmpty()) {
      return finish(cf, observation(generation, cf, String.join("; ", problems), null, null, null));
    }
    var spec = cf.getSpec();
    if (spec.pluginRef() != null
        && client
                .resources(SinkPlugin.class)
                .inNamespace(ns)
                .withName(spec.pluginRef().name())
                .get()
            == null) {
      String why = "SinkPlugin " + spec.pluginRef().name() + " not found in namespace " + ns;
      return finish(cf, observation(generation, cf, null, why, null, null));
    }
    TiCDCCluster cluster =
        client.resources(TiCDCCluster.class).inNamespace(ns).withName(spec.cluster()).get();
    if (cluster == null || cluster.getSpec() == null) {
      String why = "TiCDCCluster " + spec.cluster() + " not found in namespace " + ns;
      return finish(cf, observation(generation, cf, null, why, null, null));
    }

    ClusterStore store =
        etcd.store(
            ns,
            spec.cluster(),
            ClusterDefaults.etcdEndpoints(cluster.getSpec()),
            WorkerTls.etcdSecret(cluster.getSpec()));
    ChangefeedId id = new ChangefeedId(ns, cf.getMetadata().getName());
    try {
      ClusterSnapshot snapshot = store.snapshotOf(id);
      ChangefeedInfo info = info(cf, id, generation, state(cf));
      var current = snapshot.changefeed(id).info();
      if (current == null || !Objects.equals(current.value(), info)) {
        store.putInfo(info);
        placement.request(store.layout());
        if (current != null && current.value().generation() != generation) {
          events.normal(
              cf,
              "SpecChanged",
              "workers restart the changefeed from its checkpoint (generation " + generation + ")");
        }
      }
      return finish(cf, observation(generation, cf, null, null, null, snapshot));
    } catch (EtcdUnavailableException e) {
      return finish(cf, observation(generation, cf, null, null, e.getMessage(), null));
    }
  }

  private static ChangefeedObservation observation(
      long generation,
      Changefeed cf,
      String problem,
      String waiting,
      String etcdError,
      ClusterSnapshot s) {
    ChangefeedId id = new ChangefeedId(cf.getMetadata().getNamespace(), cf.getMetadata().getName());
    return new ChangefeedObservation(
        generation,
        state(cf),
        problem,
        waiting,
        etcdError,
        s == null ? null : s.changefeed(id),
        s == null ? java.util.Set.of() : s.captures().keySet());
  }

  private static ChangefeedState state(Changefeed cf) {
    return cf.getSpec() == null ? ChangefeedState.RUNNING : ChangefeedDefaults.state(cf.getSpec());
  }

  /** The info document: the Changefeed as a standalone file holds it. */
  static ChangefeedInfo info(
      Changefeed cf, ChangefeedId id, long generation, ChangefeedState state) {
    ObjectNode doc = CoordinationJson.mapper().createObjectNode();
    doc.put("apiVersion", cf.getApiVersion());
    doc.put("kind", cf.getKind());
    doc.putObject("metadata").put("name", id.name()).put("namespace", id.namespace());
    JsonNode spec = CoordinationJson.mapper().valueToTree(cf.getSpec());
    doc.set("spec", spec);
    DesiredState desired = DesiredState.parse(state.name());
    ChangefeedInfo info =
        new ChangefeedInfo(id, cf.getMetadata().getUid(), generation, desired, doc);
    // Round-trip so that it compares equal to what etcd gives back (number node types differ).
    return CoordinationJson.decode("info", CoordinationJson.encode(info), ChangefeedInfo.class);
  }

  private UpdateControl<Changefeed> finish(Changefeed cf, ChangefeedObservation o) {
    ChangefeedStatus previous = cf.getStatus();
    ChangefeedStatus next = ChangefeedStatusCalculator.status(o, previous, clock.instant());
    metrics.record(cf.getMetadata().getNamespace(), cf.getMetadata().getName(), next);
    long every = settings.statusInterval().toMillis();
    boolean running =
        next.phase() != ChangefeedPhase.Failed && next.phase() != ChangefeedPhase.Finished;
    if (Objects.equals(previous, next)) {
      return running
          ? UpdateControl.<Changefeed>noUpdate().rescheduleAfter(every)
          : UpdateControl.noUpdate();
    }
    String uid = cf.getMetadata().getUid();
    long now = clock.millis();
    boolean significant =
        previous == null
            || previous.phase() != next.phase()
            || !Objects.equals(previous.conditions(), next.conditions())
            || !Objects.equals(previous.lastError(), next.lastError())
            || !Objects.equals(previous.tablesPerWorker(), next.tablesPerWorker());
    Long last = lastWrite.get(uid);
    if (!significant && last != null && now - last < every) {
      return UpdateControl.<Changefeed>noUpdate().rescheduleAfter(every - (now - last));
    }
    announce(cf, previous, next);
    lastWrite.put(uid, now);
    cf.setStatus(next);
    UpdateControl<Changefeed> control = UpdateControl.patchStatus(cf);
    return running ? control.rescheduleAfter(every) : control;
  }

  private void announce(Changefeed cf, ChangefeedStatus previous, ChangefeedStatus next) {
    ChangefeedPhase before = previous == null ? null : previous.phase();
    if (before != next.phase()) {
      String msg = "phase " + (before == null ? "(none)" : before) + " → " + next.phase();
      var ready = io.tidb.cdc.operator.status.Conditions.find(next.conditions(), "Ready");
      if (ready != null) {
        msg += ": " + ready.getMessage();
      }
      if (next.phase() == ChangefeedPhase.Warning || next.phase() == ChangefeedPhase.Failed) {
        events.warning(cf, "Phase" + next.phase(), msg);
      } else {
        events.normal(cf, "Phase" + next.phase(), msg);
      }
    }
    if (next.lastError() != null
        && (previous == null || !Objects.equals(previous.lastError(), next.lastError()))
        && next.phase() != ChangefeedPhase.Failed) {
      events.warning(cf, "ChangefeedError", next.lastError().message());
    }
  }

  @Override
  public DeleteControl cleanup(Changefeed cf, Context<Changefeed> context) {
    KubernetesClient client = context.getClient();
    String ns = cf.getMetadata().getNamespace();
    metrics.forget(ns, cf.getMetadata().getName());
    String uid = cf.getMetadata().getUid();
    var spec = cf.getSpec();
    TiCDCCluster cluster =
        spec == null || spec.cluster() == null
            ? null
            : client.resources(TiCDCCluster.class).inNamespace(ns).withName(spec.cluster()).get();
    if (cluster == null || cluster.getSpec() == null) {
      events.warning(
          cf, "CleanupSkipped", "cluster gone: its etcd state cannot be reached; nothing to clean");
      lastWrite.remove(uid);
      return DeleteControl.defaultDelete();
    }
    ChangefeedId id = new ChangefeedId(ns, cf.getMetadata().getName());
    ClusterStore store =
        etcd.store(
            ns,
            spec.cluster(),
            ClusterDefaults.etcdEndpoints(cluster.getSpec()),
            WorkerTls.etcdSecret(cluster.getSpec()));
    try {
      CleanupStage stage = cleanupStep(cf, id, store);
      if (stage == CleanupStage.STOP_REQUESTED) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(1000);
      }
      releaseGc(cf, cluster, id);
      events.normal(cf, "CleanedUp", "changefeed stopped and its etcd state deleted");
      stopRequestedAt.remove(uid);
      lastWrite.remove(uid);
      return DeleteControl.defaultDelete();
    } catch (EtcdUnavailableException e) {
      blocked(client, cf, e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(5000);
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
    } catch (RuntimeException e) {
      events.warning(
          cf, "GcSafepointNotReleased", e.getMessage() + " (it expires by the cluster's gcTtl)");
    }
  }

  private void blocked(KubernetesClient client, Changefeed cf, String why) {
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
                        .lastError(
                            new io.tidb.cdc.crd.changefeed.LastError(
                                message, clock.instant().toString(), null))
                        .conditions(
                            io.tidb.cdc.operator.status.Conditions.merge(
                                base.conditions(),
                                List.of(
                                    new io.tidb.cdc.operator.status.ConditionSpec(
                                        "Ready", false, "Deleting", message),
                                    new io.tidb.cdc.operator.status.ConditionSpec(
                                        "Progressing", true, "CleanupBlocked", message),
                                    new io.tidb.cdc.operator.status.ConditionSpec(
                                        "Degraded", true, "EtcdUnreachable", message)),
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
