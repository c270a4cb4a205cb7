package io.tidb.cdc.operator.changefeed;

import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.TableList;
import io.tidb.cdc.crd.changefeed.ChangefeedPhase;
import io.tidb.cdc.crd.changefeed.ChangefeedState;
import io.tidb.cdc.crd.changefeed.ChangefeedStatus;
import io.tidb.cdc.crd.changefeed.LastError;
import io.tidb.cdc.crd.common.ConditionTypes;
import io.tidb.cdc.operator.cluster.ClusterStatusCalculator;
import io.tidb.cdc.operator.etcd.ChangefeedSnapshot;
import io.tidb.cdc.operator.status.ConditionSpec;
import io.tidb.cdc.operator.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A changefeed's status from etcd ({@code progress}, {@code positions}, {@code assignments}). Pure.
 *
 * <p>Phases follow the maintainer's {@code progress.phase}; before a maintainer reports, the phase
 * is Pending (or Paused/Stopped when so asked). Transitions as users see them:
 *
 * <pre>
 * Pending ─maintainer reports─▶ Normal ◀─▶ Warning (retrying an error) ─▶ Failed (gave up)
 * Normal ─state: paused─▶ Paused ─state: running─▶ Normal
 * Normal ─checkpoint reaches targetTs─▶ Finished
 * any ─state: stopped─▶ Stopped
 * any ─invalid spec─▶ Failed (until the spec is fixed)
 * </pre>
 */
public final class ChangefeedStatusCalculator {
  private static final String TLS_SECRET_INVALID = ClusterStatusCalculator.TLS_SECRET_INVALID;

  private ChangefeedStatusCalculator() {}

  public static ChangefeedStatus status(
      ChangefeedObservation o, ChangefeedStatus previous, Instant now) {
    ChangefeedStatus.Builder b =
        previous == null ? ChangefeedStatus.builder() : previous.toBuilder();
    b.observedGeneration(o.generation());
    List<ConditionSpec> conditions;
    if (o.problem() != null) {
      b.phase(ChangefeedPhase.Failed).lastError(new LastError(o.problem(), now.toString(), 0));
      conditions =
          List.of(
              new ConditionSpec(ConditionTypes.READY, false, "InvalidSpec", o.problem()),
              new ConditionSpec(ConditionTypes.PROGRESSING, false, "InvalidSpec", o.problem()),
              new ConditionSpec(ConditionTypes.DEGRADED, true, "InvalidSpec", o.problem()));
    } else if (o.waitingFor() != null) {
      b.phase(ChangefeedPhase.Pending);
      conditions =
          List.of(
              new ConditionSpec(ConditionTypes.READY, false, "Waiting", o.waitingFor()),
              new ConditionSpec(ConditionTypes.PROGRESSING, true, "Waiting", o.waitingFor()),
              new ConditionSpec(ConditionTypes.DEGRADED, false, "AsExpected", "no error"));
    } else if (o.tlsError() != null) {
      b.phase(ChangefeedPhase.Warning);
      // Same error as before: keep its time, so that an unchanged status is not written again.
      if (previous == null
          || previous.lastError() == null
          || !o.tlsError().equals(previous.lastError().message())) {
        b.lastError(new LastError(o.tlsError(), now.toString(), null));
      }
      conditions =
          List.of(
              new ConditionSpec(ConditionTypes.READY, false, TLS_SECRET_INVALID, o.tlsError()),
              new ConditionSpec(
                  ConditionTypes.PROGRESSING, false, TLS_SECRET_INVALID, o.tlsError()),
              new ConditionSpec(ConditionTypes.DEGRADED, true, TLS_SECRET_INVALID, o.tlsError()));
    } else if (o.snapshot() == null) {
      if (previous == null || previous.phase() == null) {
        b.phase(ChangefeedPhase.Pending);
      }
      String m = "etcd unreachable, status may be stale: " + o.etcdError();
      conditions =
          List.of(
              new ConditionSpec(ConditionTypes.READY, false, "EtcdUnreachable", m),
              new ConditionSpec(ConditionTypes.PROGRESSING, false, "EtcdUnreachable", m),
              new ConditionSpec(ConditionTypes.DEGRADED, true, "EtcdUnreachable", m));
    } else {
      conditions = fromEtcd(o, o.snapshot(), b, now);
    }
    List<io.fabric8.kubernetes.api.model.Condition> before =
        previous == null ? null : previous.conditions();
    return b.conditions(Conditions.merge(before, conditions, o.generation(), now)).build();
  }

  private static List<ConditionSpec> fromEtcd(
      ChangefeedObservation o, ChangefeedSnapshot s, ChangefeedStatus.Builder b, Instant now) {
    ChangefeedProgress p = s.progress();
    Map<String, Integer> perWorker = new TreeMap<>();
    Set<Long> placed = new HashSet<>();
    s.assignments()
        .forEach(
            (capture, a) -> {
              perWorker.put(capture, a.value().tables().size());
              placed.addAll(a.value().tables());
            });
    b.tablesPerWorker(perWorker);
    b.maintainer(s.maintainer() != null ? s.maintainer() : p == null ? null : p.maintainer());
    TableList tables = s.tables();
    int unplaced = 0;
    if (tables != null) {
      for (TableList.Table t : tables.tables()) {
        if (!placed.contains(t.id())) {
          unplaced++;
        }
      }
    }

    if (p == null) {
      ChangefeedPhase phase =
          switch (o.state()) {
            case PAUSED -> ChangefeedPhase.Paused;
            case STOPPED -> ChangefeedPhase.Stopped;
            case RUNNING -> ChangefeedPhase.Pending;
          };
      b.phase(phase).tableCount(tables == null ? null : tables.tables().size());
      String why =
          o.liveCaptures().isEmpty()
              ? "no live worker (capture) registered in etcd"
              : "waiting for a maintainer to be elected among "
                  + o.liveCaptures().size()
                  + " workers";
      return List.of(
          new ConditionSpec(ConditionTypes.READY, false, phase.name(), why),
          new ConditionSpec(
              ConditionTypes.PROGRESSING, o.state() == ChangefeedState.RUNNING, "Starting", why),
          new ConditionSpec(ConditionTypes.DEGRADED, false, "AsExpected", "no error"));
    }

    ChangefeedPhase phase = parsePhase(p.phase());
    Instant checkpoint = Tso.physical(p.checkpointTs());
    double lag = Math.max(0, Duration.between(checkpoint, now).toMillis()) / 1000.0;
    b.phase(phase)
        .checkpointTs(p.checkpointTs())
        .checkpointTime(checkpoint.toString())
        .resolvedTs(p.resolvedTs())
        .lagSeconds(Math.round(lag * 10) / 10.0)
        .tableCount(tables != null ? tables.tables().size() : p.tableCount());
    if (p.lastError() != null) {
      b.lastError(
          new LastError(
              p.lastError().message(),
              Instant.ofEpochMilli(p.lastError().timeMillis()).toString(),
              p.lastError().retries()));
    }

    String lagText = "checkpoint " + checkpoint + ", lag " + Math.round(lag) + "s";
    boolean ready = phase == ChangefeedPhase.Normal;
    String readyReason = ready ? "Replicating" : phase.name();
    String readyMessage = ready ? lagText : "phase " + phase + "; " + lagText;

    boolean progressing;
    String progReason;
    String progMessage;
    if (p.generation() < o.generation()) {
      progressing = true;
      progReason = "Restarting";
      progMessage =
          "workers restart with generation " + o.generation() + " (running " + p.generation() + ")";
    } else if (stateMismatch(o.state(), phase)) {
      progressing = true;
      progReason = "Transitioning";
      progMessage =
          "asked to be " + o.state().name().toLowerCase(java.util.Locale.ROOT) + ", still " + phase;
    } else if (unplaced > 0 && phase == ChangefeedPhase.Normal) {
      progressing = true;
      progReason = "Placing";
      progMessage = unplaced + " tables not placed on a worker yet";
    } else {
      progressing = false;
      progReason = "Steady";
      progMessage = lagText;
    }

    boolean degraded = phase == ChangefeedPhase.Warning || phase == ChangefeedPhase.Failed;
    String degReason = degraded ? phase.name() : "AsExpected";
    String degMessage =
        degraded
            ? (p.lastError() != null ? p.lastError().message() : "maintainer reports " + phase)
            : "no error";
    return List.of(
        new ConditionSpec(ConditionTypes.READY, ready, readyReason, readyMessage),
        new ConditionSpec(ConditionTypes.PROGRESSING, progressing, progReason, progMessage),
        new ConditionSpec(ConditionTypes.DEGRADED, degraded, degReason, degMessage));
  }

  private static boolean stateMismatch(ChangefeedState state, ChangefeedPhase phase) {
    return switch (state) {
      case PAUSED -> phase != ChangefeedPhase.Paused && phase != ChangefeedPhase.Finished;
      case STOPPED -> phase != ChangefeedPhase.Stopped;
      case RUNNING -> phase == ChangefeedPhase.Paused || phase == ChangefeedPhase.Stopped;
    };
  }

  static ChangefeedPhase parsePhase(String text) {
    if (text != null) {
      for (ChangefeedPhase p : ChangefeedPhase.values()) {
        if (p.name().equalsIgnoreCase(text)) {
          return p;
        }
      }
    }
    return ChangefeedPhase.Warning;
  }
}
