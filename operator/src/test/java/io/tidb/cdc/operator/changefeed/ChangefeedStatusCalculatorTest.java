package io.tidb.cdc.operator.changefeed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.TableList;
import io.tidb.cdc.crd.changefeed.ChangefeedPhase;
import io.tidb.cdc.crd.changefeed.ChangefeedState;
import io.tidb.cdc.crd.changefeed.ChangefeedStatus;
import io.tidb.cdc.operator.etcd.ChangefeedSnapshot;
import io.tidb.cdc.operator.etcd.Versioned;
import io.tidb.cdc.operator.status.Conditions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangefeedStatusCalculatorTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");
  private static final long CHECKPOINT = Tso.of(Instant.parse("2026-01-01T00:00:30Z"), 5);
  private static final ChangefeedId ID = new ChangefeedId("ns", "cf");
  private static final TableList TABLES =
      new TableList(
          1,
          List.of(
              new TableList.Table(1, "a.t1"),
              new TableList.Table(2, "a.t2"),
              new TableList.Table(3, "a.t3")));

  private static ChangefeedSnapshot snapshot(
      ChangefeedProgress progress, Map<String, List<Long>> placed) {
    Map<String, Versioned<Assignment>> assignments = new java.util.TreeMap<>();
    placed.forEach((c, t) -> assignments.put(c, new Versioned<>(new Assignment(3, t), 1, 1)));
    return new ChangefeedSnapshot(ID, null, "w-0", TABLES, assignments, Map.of(), progress);
  }

  private static ChangefeedProgress progress(
      String phase, long generation, ChangefeedProgress.ErrorInfo error) {
    return new ChangefeedProgress(
        phase, generation, CHECKPOINT, CHECKPOINT + 10, CHECKPOINT, 3, "w-0", error, 0);
  }

  private static ChangefeedStatus status(ChangefeedObservation o) {
    return ChangefeedStatusCalculator.status(o, null, NOW);
  }

  private static Condition cond(ChangefeedStatus s, String type) {
    return Conditions.find(s.conditions(), type);
  }

  @Test
  void mirrorsProgressCheckpointLagAndPlacement() {
    var o =
        new ChangefeedObservation(
            2,
            ChangefeedState.RUNNING,
            null,
            null,
            null,
            snapshot(
                progress("Normal", 2, null), Map.of("w-0", List.of(1L, 2L), "w-1", List.of(3L))),
            Set.of("w-0", "w-1"));
    ChangefeedStatus s = status(o);

    assertThat(s.phase()).isEqualTo(ChangefeedPhase.Normal);
    assertThat(s.checkpointTs()).isEqualTo(CHECKPOINT);
    assertThat(s.checkpointTime()).isEqualTo("2026-01-01T00:00:30Z");
    assertThat(s.resolvedTs()).isEqualTo(CHECKPOINT + 10);
    assertThat(s.lagSeconds()).isEqualTo(30.0);
    assertThat(s.tableCount()).isEqualTo(3);
    assertThat(s.tablesPerWorker()).containsExactly(Map.entry("w-0", 2), Map.entry("w-1", 1));
    assertThat(s.maintainer()).isEqualTo("w-0");
    assertThat(s.observedGeneration()).isEqualTo(2);
    assertThat(cond(s, "Ready").getStatus()).isEqualTo("True");
    assertThat(cond(s, "Ready").getReason()).isEqualTo("Replicating");
    assertThat(cond(s, "Progressing").getStatus()).isEqualTo("False");
    assertThat(cond(s, "Degraded").getStatus()).isEqualTo("False");
  }

  @Test
  void warningWithErrorIsDegradedAndKeepsTheError() {
    var error =
        new ChangefeedProgress.ErrorInfo(
            "kafka: broker down", Instant.parse("2026-01-01T00:00:50Z").toEpochMilli(), 4);
    var o =
        new ChangefeedObservation(
            1,
            ChangefeedState.RUNNING,
            null,
            null,
            null,
            snapshot(progress("Warning", 1, error), Map.of("w-0", List.of(1L, 2L, 3L))),
            Set.of("w-0"));
    ChangefeedStatus s = status(o);

    assertThat(s.phase()).isEqualTo(ChangefeedPhase.Warning);
    assertThat(s.lastError().message()).isEqualTo("kafka: broker down");
    assertThat(s.lastError().retries()).isEqualTo(4);
    assertThat(s.lastError().time()).isEqualTo("2026-01-01T00:00:50Z");
    assertThat(cond(s, "Degraded").getStatus()).isEqualTo("True");
    assertThat(cond(s, "Degraded").getMessage()).isEqualTo("kafka: broker down");
    assertThat(cond(s, "Ready").getStatus()).isEqualTo("False");
  }

  @Test
  void olderGenerationOrUnplacedTablesAreProgressing() {
    var restarting =
        status(
            new ChangefeedObservation(
                3,
                ChangefeedState.RUNNING,
                null,
                null,
                null,
                snapshot(progress("Normal", 2, null), Map.of("w-0", List.of(1L, 2L, 3L))),
                Set.of("w-0")));
    var placing =
        status(
            new ChangefeedObservation(
                2,
                ChangefeedState.RUNNING,
                null,
                null,
                null,
                snapshot(progress("Normal", 2, null), Map.of("w-0", List.of(1L))),
                Set.of("w-0")));

    assertThat(cond(restarting, "Progressing").getReason()).isEqualTo("Restarting");
    assertThat(cond(placing, "Progressing").getReason()).isEqualTo("Placing");
    assertThat(cond(placing, "Progressing").getMessage()).startsWith("2 tables");
  }

  @Test
  void beforeAMaintainerReportsItIsPendingOrWhatWasAsked() {
    var pending =
        status(
            new ChangefeedObservation(
                1,
                ChangefeedState.RUNNING,
                null,
                null,
                null,
                ChangefeedSnapshot.empty(ID),
                Set.of()));
    var paused =
        status(
            new ChangefeedObservation(
                1,
                ChangefeedState.PAUSED,
                null,
                null,
                null,
                ChangefeedSnapshot.empty(ID),
                Set.of()));

    assertThat(pending.phase()).isEqualTo(ChangefeedPhase.Pending);
    assertThat(cond(pending, "Ready").getMessage()).contains("no live worker");
    assertThat(paused.phase()).isEqualTo(ChangefeedPhase.Paused);
  }

  @Test
  void invalidSpecFailsAndMissingClusterWaits() {
    var failed =
        status(
            new ChangefeedObservation(
                1,
                ChangefeedState.RUNNING,
                "spec.sink.uri is required",
                null,
                null,
                null,
                Set.of()));
    var waiting =
        status(
            new ChangefeedObservation(
                1,
                ChangefeedState.RUNNING,
                null,
                "TiCDCCluster x not found",
                null,
                null,
                Set.of()));

    assertThat(failed.phase()).isEqualTo(ChangefeedPhase.Failed);
    assertThat(failed.lastError().message()).isEqualTo("spec.sink.uri is required");
    assertThat(waiting.phase()).isEqualTo(ChangefeedPhase.Pending);
    assertThat(cond(waiting, "Ready").getMessage()).isEqualTo("TiCDCCluster x not found");
  }

  @Test
  void unreachableEtcdKeepsTheLastKnownFiguresAndSaysSo() {
    ChangefeedStatus before =
        status(
            new ChangefeedObservation(
                1,
                ChangefeedState.RUNNING,
                null,
                null,
                null,
                snapshot(progress("Normal", 1, null), Map.of("w-0", List.of(1L, 2L, 3L))),
                Set.of("w-0")));
    ChangefeedStatus after =
        ChangefeedStatusCalculator.status(
            new ChangefeedObservation(
                1, ChangefeedState.RUNNING, null, null, "connection refused", null, Set.of()),
            before,
            NOW.plusSeconds(5));

    assertThat(after.phase()).isEqualTo(ChangefeedPhase.Normal);
    assertThat(after.checkpointTs()).isEqualTo(CHECKPOINT);
    assertThat(cond(after, "Degraded").getReason()).isEqualTo("EtcdUnreachable");
  }

  @Test
  void conditionKeepsItsTransitionTimeWhileItsStatusHolds() {
    var o =
        new ChangefeedObservation(
            1,
            ChangefeedState.RUNNING,
            null,
            null,
            null,
            snapshot(progress("Normal", 1, null), Map.of("w-0", List.of(1L, 2L, 3L))),
            Set.of("w-0"));
    ChangefeedStatus first = ChangefeedStatusCalculator.status(o, null, NOW);
    ChangefeedStatus second = ChangefeedStatusCalculator.status(o, first, NOW.plusSeconds(9));

    assertThat(cond(second, "Ready").getLastTransitionTime()).isEqualTo(NOW.toString());
    assertThat(second.lagSeconds()).isEqualTo(39.0);
  }

  @Test
  void unknownPhaseFromAWorkerCountsAsWarning() {
    assertThat(ChangefeedStatusCalculator.parsePhase("Exploding"))
        .isEqualTo(ChangefeedPhase.Warning);
    assertThat(ChangefeedStatusCalculator.parsePhase("finished"))
        .isEqualTo(ChangefeedPhase.Finished);
  }

  @Test
  void anUnusableTlsSecretIsAWarningNamingIt() {
    String why = "TLS Secret ns/etcd-tls not found";
    var o =
        new ChangefeedObservation(1, ChangefeedState.RUNNING, null, null, null, null, Set.of())
            .withTlsError(why);
    ChangefeedStatus s = status(o);
    assertThat(s.phase()).isEqualTo(ChangefeedPhase.Warning);
    assertThat(s.lastError().message()).isEqualTo(why);
    Condition degraded = Conditions.find(s.conditions(), "Degraded");
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo("TlsSecretInvalid");
    assertThat(degraded.getMessage()).contains("ns/etcd-tls");

    ChangefeedStatus again = ChangefeedStatusCalculator.status(o, s, NOW.plusSeconds(30));
    assertThat(again).as("the same error later: nothing new to write").isEqualTo(s);
  }
}
