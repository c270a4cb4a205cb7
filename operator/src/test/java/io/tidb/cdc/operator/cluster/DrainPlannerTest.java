package io.tidb.cdc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.coord.DrainRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrainPlannerTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final long NOW = 1_000_000;
  private static final Set<String> LIVE = Set.of("w-0", "w-1", "w-2");

  @Test
  void scaleUpOrSteadyNeedsNoDrain() {
    DrainPlan p = DrainPlanner.plan("w", 4, 3, Map.of(), LIVE, Map.of(), Set.of(), NOW, TIMEOUT);
    assertThat(p.replicas()).isEqualTo(4);
    assertThat(p.phase()).isEqualTo(DrainPhase.NONE);
    assertThat(p.write()).isEmpty();
  }

  @Test
  void scaleDownFirstRequestsADrainAndKeepsReplicas() {
    DrainPlan p =
        DrainPlanner.plan("w", 2, 3, Map.of("w-2", 5), LIVE, Map.of(), Set.of(), NOW, TIMEOUT);
    assertThat(p.replicas()).isEqualTo(3);
    assertThat(p.phase()).isEqualTo(DrainPhase.DRAINING);
    assertThat(p.write()).containsExactly(new DrainRequest("w-2", NOW, NOW + TIMEOUT.toMillis()));
    assertThat(p.draining().capture()).isEqualTo("w-2");
  }

  @Test
  void waitsWhileTheLeavingCaptureStillHasTables() {
    var drains = Map.of("w-2", new DrainRequest("w-2", NOW, NOW + TIMEOUT.toMillis()));
    DrainPlan p =
        DrainPlanner.plan(
            "w", 2, 3, Map.of("w-2", 1), LIVE, drains, Set.of("w-2"), NOW + 1000, TIMEOUT);
    assertThat(p.replicas()).isEqualTo(3);
    assertThat(p.write()).isEmpty();
    assertThat(p.phase()).isEqualTo(DrainPhase.DRAINING);
  }

  @Test
  void scalesDownOnceEmptyOrGone() {
    var drains = Map.of("w-2", new DrainRequest("w-2", NOW, NOW + TIMEOUT.toMillis()));
    DrainPlan empty =
        DrainPlanner.plan("w", 2, 3, Map.of("w-2", 0), LIVE, drains, Set.of(), NOW + 1, TIMEOUT);
    DrainPlan gone =
        DrainPlanner.plan(
            "w", 2, 3, Map.of("w-2", 4), Set.of("w-0", "w-1"), drains, Set.of(), NOW + 1, TIMEOUT);
    assertThat(empty.replicas()).isEqualTo(2);
    assertThat(empty.phase()).isEqualTo(DrainPhase.DRAINED);
    assertThat(gone.replicas()).isEqualTo(2);
  }

  @Test
  void scalesDownAnywayAfterTheDeadline() {
    var drains = Map.of("w-2", new DrainRequest("w-2", NOW, NOW + TIMEOUT.toMillis()));
    DrainPlan p =
        DrainPlanner.plan(
            "w", 2, 3, Map.of("w-2", 3), LIVE, drains, Set.of(), NOW + TIMEOUT.toMillis(), TIMEOUT);
    assertThat(p.replicas()).isEqualTo(2);
    assertThat(p.phase()).isEqualTo(DrainPhase.TIMED_OUT);
  }

  @Test
  void cancelledScaleDownWithdrawsOnlyTheOperatorsOwnRequests() {
    var drains =
        Map.of(
            "w-2", new DrainRequest("w-2", NOW, NOW + 1),
            "w-1", new DrainRequest("w-1", NOW, NOW + 1));
    DrainPlan p = DrainPlanner.plan("w", 3, 3, Map.of(), LIVE, drains, Set.of("w-2"), NOW, TIMEOUT);
    assertThat(p.withdraw()).containsExactly("w-2");
  }
}
