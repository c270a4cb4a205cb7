package io.tidb.cdc.operator.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.tidb.cdc.crd.cluster.CaptureStatus;
import io.tidb.cdc.crd.cluster.DrainStatus;
import io.tidb.cdc.crd.cluster.TiCDCClusterStatus;
import io.tidb.cdc.crd.common.ConditionTypes;
import io.tidb.cdc.operator.etcd.ChangefeedSnapshot;
import io.tidb.cdc.operator.etcd.ClusterSnapshot;
import io.tidb.cdc.operator.status.ConditionSpec;
import io.tidb.cdc.operator.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes a TiCDCCluster's status from what a reconcile observed. Pure. */
public final class ClusterStatusCalculator {
  /** Condition reason: a TLS Secret the cluster names is missing or unusable. */
  public static final String TLS_SECRET_INVALID = "TlsSecretInvalid";

  private ClusterStatusCalculator() {}

  public static TiCDCClusterStatus status(
      long generation, ClusterObservation o, List<Condition> previous, Instant now) {
    List<CaptureStatus> captures = null;
    if (o.snapshot() != null) {
      Map<String, Integer> tables = tablesPerCapture(o.snapshot());
      captures = new ArrayList<>();
      for (var e : o.snapshot().captures().entrySet()) {
        captures.add(
            new CaptureStatus(
                e.getKey(),
                e.getValue().value().address(),
                !o.snapshot().drains().containsKey(e.getKey()),
                tables.getOrDefault(e.getKey(), 0)));
      }
    }
    DrainStatus drain = null;
    if (o.drain() != null && o.drain().draining() != null) {
      var d = o.drain().draining();
      drain =
          new DrainStatus(
              d.capture(),
              Instant.ofEpochMilli(d.requestedAtMillis()).toString(),
              Instant.ofEpochMilli(d.deadlineMillis()).toString(),
              o.drainTimeout().toSeconds() + "s");
    }
    return TiCDCClusterStatus.builder()
        .observedGeneration(generation)
        .replicas(o.replicas())
        .readyWorkers(o.readyWorkers())
        .captures(captures)
        .drain(drain)
        .conditions(Conditions.merge(previous, conditions(o, drain), generation, now))
        .build();
  }

  /** Tables assigned to each capture, over every changefeed of the cluster. */
  public static Map<String, Integer> tablesPerCapture(ClusterSnapshot snapshot) {
    Map<String, Integer> counts = new TreeMap<>();
    for (ChangefeedSnapshot cf : snapshot.changefeeds().values()) {
      cf.assignments().forEach((c, a) -> counts.merge(c, a.value().tables().size(), Integer::sum));
    }
    return counts;
  }

  private static List<ConditionSpec> conditions(ClusterObservation o, DrainStatus drain) {
    if (o.specError() != null) {
      return List.of(
          new ConditionSpec(ConditionTypes.READY, false, "InvalidSpec", o.specError()),
          new ConditionSpec(ConditionTypes.PROGRESSING, false, "InvalidSpec", o.specError()),
          new ConditionSpec(ConditionTypes.DEGRADED, true, "InvalidSpec", o.specError()));
    }
    boolean allReady = o.readyWorkers() >= o.replicas() && o.statefulSetReplicas() == o.replicas();
    ConditionSpec ready;
    if (o.tlsError() != null) {
      ready = new ConditionSpec(ConditionTypes.READY, false, TLS_SECRET_INVALID, o.tlsError());
    } else if (o.etcdError() != null) {
      ready = new ConditionSpec(ConditionTypes.READY, false, "EtcdUnreachable", o.etcdError());
    } else if (allReady) {
      ready =
          new ConditionSpec(
              ConditionTypes.READY, true, "WorkersReady", o.readyWorkers() + " workers ready");
    } else {
      ready =
          new ConditionSpec(
              ConditionTypes.READY,
              false,
              "WorkersNotReady",
              o.readyWorkers() + " of " + o.replicas() + " workers ready");
    }
    ConditionSpec progressing;
    if (drain != null) {
      progressing =
          new ConditionSpec(
              ConditionTypes.PROGRESSING,
              true,
              "Draining",
              "capture "
                  + drain.capture()
                  + " hands its tables over before its pod stops (until "
                  + drain.deadline()
                  + ")");
    } else if (!allReady) {
      progressing =
          new ConditionSpec(
              ConditionTypes.PROGRESSING,
              true,
              "RollingOut",
              "StatefulSet at "
                  + o.statefulSetReplicas()
                  + " replicas, "
                  + o.readyWorkers()
                  + " ready, "
                  + o.replicas()
                  + " wanted");
    } else {
      progressing =
          new ConditionSpec(ConditionTypes.PROGRESSING, false, "Stable", "no change in progress");
    }
    ConditionSpec degraded;
    if (o.tlsError() != null) {
      degraded = new ConditionSpec(ConditionTypes.DEGRADED, true, TLS_SECRET_INVALID, o.tlsError());
    } else if (o.etcdError() != null) {
      degraded = new ConditionSpec(ConditionTypes.DEGRADED, true, "EtcdUnreachable", o.etcdError());
    } else if (o.snapshot() != null && !o.snapshot().problems().isEmpty()) {
      degraded =
          new ConditionSpec(
              ConditionTypes.DEGRADED,
              true,
              "BadCoordinationState",
              String.join("; ", o.snapshot().problems()));
    } else {
      degraded = new ConditionSpec(ConditionTypes.DEGRADED, false, "AsExpected", "no problem seen");
    }
    return List.of(ready, progressing, degraded);
  }
}
