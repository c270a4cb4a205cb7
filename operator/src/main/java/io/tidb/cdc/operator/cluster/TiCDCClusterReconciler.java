package io.tidb.cdc.operator.cluster;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.tidb.cdc.coord.DrainRequest;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.crd.cluster.ClusterDefaults;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.crd.cluster.TiCDCClusterStatus;
import io.tidb.cdc.operator.config.OperatorSettings;
import io.tidb.cdc.operator.config.RetryBackoff;
import io.tidb.cdc.operator.etcd.ClusterSnapshot;
import io.tidb.cdc.operator.etcd.ClusterStore;
import io.tidb.cdc.operator.etcd.EtcdConnections;
import io.tidb.cdc.operator.etcd.EtcdUnavailableException;
import io.tidb.cdc.operator.placement.PlacementController;
import io.tidb.cdc.operator.status.EventRecorder;
import io.tidb.cdc.operator.tls.TlsSecretException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TiCDCCluster → worker StatefulSet, headless Service, ConfigMap, PodDisruptionBudget and
 * ServiceAccount; scale-downs drain first ({@link DrainPlanner}); status from the StatefulSet and
 * etcd. Also starts the cluster's placement loop: this reconciler runs only on the leader.
 */
@ControllerConfiguration(name = TiCDCClusterReconciler.NAME)
public class TiCDCClusterReconciler implements Reconciler<TiCDCCluster>, Cleaner<TiCDCCluster> {
  public static final String NAME = "ticdccluster";

  private final EtcdConnections etcd;
  private final PlacementController placement;
  private final EventRecorder events;
  private final OperatorSettings settings;
  private final Clock clock;
  private final Map<String, Set<String>> operatorDrains = new ConcurrentHashMap<>();
  private final Map<String, DrainPhase> lastPhase = new ConcurrentHashMap<>();
  private final RetryBackoff tlsRetry;

  @Inject
  public TiCDCClusterReconciler(
      EtcdConnections etcd,
      PlacementController placement,
      EventRecorder events,
      OperatorSettings settings,
      Clock clock) {
    this.etcd = etcd;
    this.placement = placement;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
    this.tlsRetry = new RetryBackoff(settings.statusInterval(), Duration.ofMinutes(5));
  }

  @Override
  public List<EventSource<?, TiCDCCluster>> prepareEventSources(
      EventSourceContext<TiCDCCluster> context) {
    var config =
        InformerEventSourceConfiguration.from(StatefulSet.class, TiCDCCluster.class)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(TiCDCCluster.class))
            .withLabelSelector("app.kubernetes.io/managed-by=ticdc-operator")
            .build();
    return List.of(new InformerEventSource<>(config, context));
  }

  @Override
  public UpdateControl<TiCDCCluster> reconcile(
      TiCDCCluster cluster, Context<TiCDCCluster> context) {
    KubernetesClient client = context.getClient();
    String ns = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    String key = EtcdLayout.of(ns, name).cluster();
    long now = clock.millis();
    var spec = cluster.getSpec();

    Duration drainTimeout;
    List<String> endpoints;
    try {
      if (spec == null) {
        throw new IllegalArgumentException("spec is missing");
      }
      drainTimeout = ClusterDefaults.drainTimeout(spec);
      ClusterDefaults.gcTtl(spec);
      endpoints = ClusterDefaults.etcdEndpoints(spec);
    } catch (IllegalArgumentException e) {
      events.warning(cluster, "InvalidSpec", e.getMessage());
      var o =
          new ClusterObservation(0, 0, 0, null, null, null, null, Duration.ZERO, e.getMessage());
      return patchIfChanged(cluster, o);
    }

    // A bad TLS Secret is the user's to fix: say so in the status, keep the worker resources
    // applied, and look again with backoff (Secrets are not watched).
    ClusterStore store = null;
    String tlsError = null;
    try {
      store = etcd.store(ns, name, endpoints, WorkerTls.etcdSecret(spec));
      tlsRetry.reset(key);
    } catch (TlsSecretException e) {
      tlsError = e.getMessage();
    }
    ClusterSnapshot snapshot = null;
    String etcdError = null;
    if (store != null) {
      try {
        snapshot = store.snapshot();
      } catch (EtcdUnavailableException e) {
        etcdError = e.getMessage();
      }
    }

    int wanted = ClusterDefaults.replicas(spec);
    StatefulSet sts = context.getSecondaryResource(StatefulSet.class).orElse(null);
    Integer current = sts == null ? null : sts.getSpec().getReplicas();
    Set<String> mine = operatorDrains.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
    DrainPlan drain;
    if (snapshot == null && current != null && wanted < current) {
      drain = new DrainPlan(current, DrainPhase.DRAINING, List.of(), List.of(), null);
    } else {
      drain =
          DrainPlanner.plan(
              WorkerResources.workerName(name),
              wanted,
              current,
              snapshot == null ? Map.of() : ClusterStatusCalculator.tablesPerCapture(snapshot),
              snapshot == null ? Set.of() : snapshot.captures().keySet(),
              snapshot == null ? Map.of() : snapshot.drains(),
              mine,
              now,
              drainTimeout);
    }
    if (store != null) {
      etcdError = applyDrain(store, drain, mine, etcdError);
    }
    announce(cluster, key, drain);

    ResourceApplier applier = new ResourceApplier(client);
    applier.apply(WorkerResources.serviceAccount(cluster));
    applier.apply(WorkerResources.config(cluster));
    applier.apply(WorkerResources.service(cluster));
    sts = applier.apply(WorkerResources.statefulSet(cluster, drain.replicas(), settings.version()));
    applier.apply(WorkerResources.disruptionBudget(cluster));

    if (store != null) {
      placement.ensure(store, drainTimeout);
    }

    int ready =
        sts.getStatus() == null || sts.getStatus().getReadyReplicas() == null
            ? 0
            : sts.getStatus().getReadyReplicas();
    var o =
        new ClusterObservation(
            wanted,
            drain.replicas(),
            ready,
            snapshot,
            etcdError,
            tlsError,
            drain,
            drainTimeout,
            null);
    UpdateControl<TiCDCCluster> control = patchIfChanged(cluster, o);
    Duration next =
        tlsError != null
            ? tlsRetry.failed(key)
            : drain.phase() == DrainPhase.DRAINING
                ? Duration.ofSeconds(2)
                : settings.clusterResync();
    return control.rescheduleAfter(next.toMillis());
  }

  private String applyDrain(ClusterStore store, DrainPlan drain, Set<String> mine, String error) {
    try {
      for (DrainRequest r : drain.write()) {
        store.putDrain(r);
        mine.add(r.capture());
      }
      for (String capture : drain.withdraw()) {
        store.deleteDrain(capture);
        mine.remove(capture);
      }
      return error;
    } catch (EtcdUnavailableException e) {
      return error != null ? error : e.getMessage();
    }
  }

  private void announce(TiCDCCluster cluster, String key, DrainPlan drain) {
    DrainPhase before = lastPhase.put(key, drain.phase());
    if (before == drain.phase()) {
      return;
    }
    switch (drain.phase()) {
      case DRAINING ->
          events.normal(
              cluster,
              "Draining",
              "draining "
                  + (drain.draining() == null ? "leaving workers" : drain.draining().capture())
                  + " before scaling down");
      case DRAINED ->
          events.normal(cluster, "ScaledDown", "workers drained; scaled to " + drain.replicas());
      case TIMED_OUT ->
          events.warning(
              cluster,
              "DrainTimedOut",
              "drain timeout passed with tables still assigned; scaled to " + drain.replicas());
      case NONE -> {}
    }
  }

  private UpdateControl<TiCDCCluster> patchIfChanged(TiCDCCluster cluster, ClusterObservation o) {
    TiCDCClusterStatus previous = cluster.getStatus();
    TiCDCClusterStatus next =
        ClusterStatusCalculator.status(
            cluster.getMetadata().getGeneration() == null
                ? 0
                : cluster.getMetadata().getGeneration(),
            o,
            previous == null ? null : previous.conditions(),
            clock.instant());
    if (Objects.equals(previous, next)) {
      return UpdateControl.noUpdate();
    }
    // One Warning Event per new problem, not one per status change while it lasts.
    var degraded = io.tidb.cdc.operator.status.Conditions.find(next.conditions(), "Degraded");
    var before =
        previous == null
            ? null
            : io.tidb.cdc.operator.status.Conditions.find(previous.conditions(), "Degraded");
    if (degraded != null
        && "True".equals(degraded.getStatus())
        && (before == null
            || !Objects.equals(before.getStatus(), degraded.getStatus())
            || !Objects.equals(before.getReason(), degraded.getReason())
            || !Objects.equals(before.getMessage(), degraded.getMessage()))) {
      events.warning(cluster, degraded.getReason(), degraded.getMessage());
    }
    cluster.setStatus(next);
    return UpdateControl.patchStatus(cluster);
  }

  @Override
  public DeleteControl cleanup(TiCDCCluster cluster, Context<TiCDCCluster> context) {
    String ns = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    EtcdLayout layout = EtcdLayout.of(ns, name);
    placement.stop(layout);
    etcd.release(ns, name);
    operatorDrains.remove(layout.cluster());
    lastPhase.remove(layout.cluster());
    tlsRetry.reset(layout.cluster());
    return DeleteControl.defaultDelete();
  }
}
