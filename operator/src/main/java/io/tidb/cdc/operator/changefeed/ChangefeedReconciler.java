package io.tidb.cdc.operator.changefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
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
import io.tidb.cdc.operator.config.RetryBackoff;
import io.tidb.cdc.operator.etcd.ClusterSnapshot;
import io.tidb.cdc.operator.etcd.ClusterStore;
import io.tidb.cdc.operator.etcd.EtcdConnections;
import io.tidb.cdc.operator.etcd.EtcdUnavailableException;
import io.tidb.cdc.operator.placement.PlacementController;
import io.tidb.cdc.operator.status.EventRecorder;
import io.tidb.cdc.operator.status.OperatorMetrics;
import io.tidb.cdc.operator.tls.TlsSecretException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
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
  private final OperatorMetrics metrics;
  private final Map<String, Long> lastWrite = new ConcurrentHashMap<>();
  private final RetryBackoff tlsRetry;
  private final ChangefeedCleanup cleanup;

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
    this.tlsRetry = new RetryBackoff(settings.statusInterval(), Duration.ofMinutes(5));
    this.cleanup = new ChangefeedCleanup(etcd, events, settings, clock, gc, tlsRetry);
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

    var where =
        new EtcdEndpointsAnnotation(
            ClusterDefaults.etcdEndpoints(cluster.getSpec()),
            WorkerTls.etcdSecret(cluster.getSpec()));
    String uid = cf.getMetadata().getUid();
    ClusterStore store;
    try {
      store = etcd.store(ns, spec.cluster(), where.endpoints(), where.tlsSecret());
    } catch (TlsSecretException e) {
      // The user's to fix: a Warning status and event once, then a look again with backoff.
      var o = observation(generation, cf, null, null, null, null).withTlsError(e.getMessage());
      return finish(cf, o).rescheduleAfter(tlsRetry.failed(uid).toMillis());
    }
    tlsRetry.reset(uid);
    ChangefeedId id = new ChangefeedId(ns, cf.getMetadata().getName());
    try {
      ClusterSnapshot snapshot = store.snapshotOf(id);
      ChangefeedInfo info = info(cf, id, generation, state(cf));
      var current = snapshot.changefeed(id).info();
      if (current == null || !Objects.equals(current.value(), info)) {
        remember(client, cf, where);
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
    // Failed and Finished wait for the next spec change, unless the workers have yet to act on
    // this one (Progressing: e.g. stopped or a new targetTs after Finished): etcd is not watched
    // here, so their progress only shows through the periodic refresh.
    var progressing = io.tidb.cdc.operator.status.Conditions.find(next.conditions(), "Progressing");
    boolean running =
        (next.phase() != ChangefeedPhase.Failed && next.phase() != ChangefeedPhase.Finished)
            || (progressing != null && "True".equals(progressing.getStatus()));
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
    metrics.forget(cf.getMetadata().getNamespace(), cf.getMetadata().getName());
    DeleteControl control = cleanup.cleanup(cf, context.getClient());
    if (control.isRemoveFinalizer()) {
      lastWrite.remove(cf.getMetadata().getUid());
      tlsRetry.reset(cf.getMetadata().getUid());
    }
    return control;
  }

  /**
   * Remembers on the Changefeed where its etcd state is written (before writing it), so that the
   * clean-up finds it after the cluster is gone. A merge patch of the annotations only: no
   * generation change, no conflict with the user's fields.
   */
  private static void remember(KubernetesClient client, Changefeed cf, EtcdEndpointsAnnotation a) {
    if (a.isOn(cf)) {
      return;
    }
    Map<String, Object> patch = Map.of("metadata", Map.of("annotations", a.asPatch()));
    Changefeed patched =
        client
            .resources(Changefeed.class)
            .inNamespace(cf.getMetadata().getNamespace())
            .withName(cf.getMetadata().getName())
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                io.fabric8.kubernetes.client.utils.Serialization.asJson(patch));
    a.applyTo(cf);
    if (patched != null && patched.getMetadata() != null) {
      cf.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
    }
  }
}
