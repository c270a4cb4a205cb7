package io.tidb.cdc.operator.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.TablePosition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PlacementPlannerTest {
  private static final Duration DRAIN = Duration.ofMinutes(5);
  private static final long NOW = 1_700_000_000_000L;

  /** A mutable world: applies plans and lets workers release tables, as the protocol says. */
  private static final class World {
    final TreeSet<Long> tables = new TreeSet<>();
    final Map<String, Long> captures = new TreeMap<>();
    final Set<String> draining = new TreeSet<>();
    final Map<String, Assignment> assignments = new TreeMap<>();
    final Map<Long, PositionState> positions = new HashMap<>();
    Map<Long, Long> pending = Map.of();
    long revision = 100;
    long now = NOW;

    World tables(long from, long to) {
      LongStream.rangeClosed(from, to).forEach(tables::add);
      return this;
    }

    World capture(String id) {
      captures.put(id, ++revision);
      return this;
    }

    PlacementPlan plan() {
      PlacementPlan plan =
          PlacementPlanner.plan(
              new PlacementInput(
                  tables, captures, draining, assignments, positions, pending, now, DRAIN));
      assignments.putAll(plan.writes());
      plan.deletes().forEach(assignments::remove);
      pending = plan.releasePendingSince();
      return plan;
    }

    /** Every owner writes a position for each of its tables. */
    void ownersWritePositions() {
      assignments.forEach(
          (c, a) ->
              a.tables()
                  .forEach(
                      t ->
                          positions.put(
                              t,
                              new PositionState(
                                  new TablePosition(t, 10, 20, c, a.epoch()), ++revision))));
    }

    /** Live workers release every table they hold a position for but no longer own. */
    void workersRelease() {
      positions.replaceAll(
          (t, p) -> {
            String c = p.position().capture();
            boolean owned =
                c != null && assignments.containsKey(c) && assignments.get(c).tables().contains(t);
            if (c != null && !owned && captures.containsKey(c)) {
              TablePosition r = p.position();
              return new PositionState(
                  new TablePosition(t, r.checkpointTs(), r.resolvedTs(), null, r.epoch()),
                  ++revision);
            }
            return p;
          });
    }

    Map<String, Integer> counts() {
      return assignments.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().tables().size()));
    }

    Set<Long> placed() {
      return assignments.values().stream()
          .flatMap(a -> a.tables().stream())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void placesNewTablesBalancedWithEpochOne() {
    World w = new World().tables(1, 10).capture("w-0").capture("w-1").capture("w-2");
    PlacementPlan plan = w.plan();

    assertThat(plan.epoch()).isEqualTo(1);
    assertThat(plan.writes().values()).allMatch(a -> a.epoch() == 1);
    assertThat(w.counts().values()).containsExactlyInAnyOrder(4, 3, 3);
    assertThat(w.placed()).containsExactlyElementsOf(w.tables);
    assertThat(plan.moves()).hasSize(10).allMatch(m -> m.kind() == MoveKind.PLACE);
  }

  @Test
  void unchangedInputWritesNothing() {
    World w = new World().tables(1, 6).capture("a").capture("b");
    w.plan();
    w.ownersWritePositions();
    PlacementPlan again = w.plan();

    assertThat(again.changesAssignments()).isFalse();
    assertThat(again.moves()).isEmpty();
    assertThat(again.epoch()).isEqualTo(1);
  }

  @Test
  void newTableGoesToLeastLoadedAndNothingElseMoves() {
    World w = new World().tables(1, 5).capture("a").capture("b");
    w.plan();
    w.ownersWritePositions();
    Map<String, Assignment> before = new TreeMap<>(w.assignments);
    String lighter = before.get("a").tables().size() < before.get("b").tables().size() ? "a" : "b";

    w.tables.add(6L);
    PlacementPlan plan = w.plan();

    assertThat(plan.moves()).containsExactly(new Move(6, null, lighter, MoveKind.PLACE));
    assertThat(plan.writes()).containsOnlyKeys(lighter);
    assertThat(plan.epoch()).isEqualTo(2);
    assertThat(w.assignments.get(lighter).tables())
        .containsAll(before.get(lighter).tables())
        .contains(6L);
  }

  @Test
  void deadCaptureTablesAreRecoveredAtOnceAndItsKeyDeleted() {
    World w = new World().tables(1, 9).capture("a").capture("b").capture("c");
    w.plan();
    w.ownersWritePositions();
    List<Long> lost = w.assignments.get("c").tables();

    w.captures.remove("c"); // lease expired
    PlacementPlan plan = w.plan();

    assertThat(plan.deletes()).containsExactly("c");
    assertThat(plan.moves())
        .hasSize(lost.size())
        .allMatch(m -> m.kind() == MoveKind.RECOVER && "c".equals(m.from()));
    assertThat(w.placed()).containsExactlyElementsOf(w.tables);
    assertThat(w.counts()).containsOnlyKeys("a", "b");
    assertThat(w.counts().values()).containsExactlyInAnyOrder(5, 4);
  }

  @Test
  void joiningCaptureGetsTablesOnlyAfterRelease() {
    World w = new World().tables(1, 8).capture("a").capture("b");
    w.plan();
    w.ownersWritePositions();
    w.capture("c");

    PlacementPlan phase1 = w.plan();
    assertThat(phase1.moves()).isNotEmpty().allMatch(m -> m.kind() == MoveKind.RELEASE);
    assertThat(w.assignments).doesNotContainKey("c");
    assertThat(w.placed()).hasSize(8 - phase1.moves().size());
    assertThat(phase1.releasePendingSince()).hasSize(phase1.moves().size());

    PlacementPlan stillWaiting = w.plan();
    assertThat(stillWaiting.changesAssignments()).isFalse();

    w.workersRelease();
    PlacementPlan phase2 = w.plan();
    assertThat(phase2.moves()).allMatch(m -> m.kind() == MoveKind.HANDOVER && "c".equals(m.to()));
    assertThat(phase2.epoch()).isEqualTo(phase1.epoch() + 1);
    assertThat(w.counts().values()).containsExactlyInAnyOrder(3, 3, 2);
    assertThat(w.placed()).containsExactlyElementsOf(w.tables);
    assertThat(phase2.releasePendingSince()).isEmpty();
  }

  @Test
  void drainingCaptureLosesEverythingAndItsTablesMoveAfterRelease() {
    World w = new World().tables(1, 6).capture("a").capture("b");
    w.plan();
    w.ownersWritePositions();
    List<Long> drained = w.assignments.get("b").tables();

    w.draining.add("b");
    PlacementPlan phase1 = w.plan();
    assertThat(w.assignments.get("b").tables()).isEmpty();
    assertThat(phase1.writes()).containsKey("b");
    assertThat(phase1.moves()).extracting(Move::table).containsExactlyInAnyOrderElementsOf(drained);

    w.workersRelease();
    w.plan();
    assertThat(w.assignments.get("a").tables()).containsExactlyElementsOf(w.tables);
  }

  @Test
  void ownerThatNeverReleasesLosesTheTableAfterTheDrainTimeout() {
    World w = new World().tables(1, 2).capture("a").capture("b");
    w.plan();
    w.ownersWritePositions();
    w.draining.add("b");
    w.plan();

    w.now += DRAIN.toMillis() - 1;
    assertThat(w.plan().changesAssignments()).isFalse();

    w.now += 1;
    PlacementPlan forced = w.plan();
    assertThat(forced.moves())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.kind()).isEqualTo(MoveKind.FORCED);
              assertThat(m.from()).isEqualTo("b");
              assertThat(m.to()).isEqualTo("a");
            });
  }

  @Test
  void positionWrittenByAnEarlierIncarnationDoesNotBlock() {
    World w = new World().tables(1, 2).capture("a").capture("b");
    w.plan();
    w.ownersWritePositions();
    w.captures.remove("b");
    w.assignments.remove("b"); // key deleted while b was gone
    w.capture("a2");
    w.capture("b"); // the pod restarted: same id, new capture key revision

    w.plan();

    assertThat(w.placed()).containsExactly(1L, 2L);
    assertThat(w.pending).isEmpty();
  }

  @Test
  void droppedTablesLeaveTheirAssignment() {
    World w = new World().tables(1, 4).capture("a");
    w.plan();
    w.tables.remove(3L);

    PlacementPlan plan = w.plan();

    assertThat(plan.writes().get("a").tables()).containsExactly(1L, 2L, 4L);
  }

  @Test
  void withoutLiveCapturesNothingIsPlaced() {
    World w = new World().tables(1, 3);
    PlacementPlan plan = w.plan();
    assertThat(plan.changesAssignments()).isFalse();
    assertThat(plan.moves()).isEmpty();
  }

  @Test
  void epochIsOneAboveTheHighestCurrentEpoch() {
    World w = new World().tables(1, 2).capture("a").capture("b");
    w.assignments.put("a", new Assignment(41, List.of(1L, 2L)));
    w.ownersWritePositions();

    PlacementPlan plan = w.plan();

    assertThat(plan.epoch()).isEqualTo(42);
    assertThat(plan.writes().values()).allMatch(a -> a.epoch() == 42);
  }

  @Test
  void balanceHoldsAcrossManyRandomChanges() {
    java.util.Random random = new java.util.Random(7);
    World w = new World().tables(1, 40).capture("c0").capture("c1");
    for (int round = 0; round < 60; round++) {
      switch (random.nextInt(4)) {
        case 0 -> w.capture("c" + (2 + random.nextInt(5)));
        case 1 -> {
          if (w.captures.size() > 1) {
            w.captures.remove(w.captures.keySet().iterator().next());
          }
        }
        case 2 -> w.tables.add(100L + round);
        default -> w.tables.remove(w.tables.first());
      }
      // Run to a fixed point: plan, owners write and release, until nothing changes.
      for (int i = 0; i < 5; i++) {
        w.plan();
        w.ownersWritePositions();
        w.workersRelease();
      }
      assertThat(w.placed()).containsExactlyElementsOf(w.tables);
      var counts = w.captures.keySet().stream().map(c -> w.counts().getOrDefault(c, 0)).toList();
      assertThat(
              counts.stream().mapToInt(Integer::intValue).max().orElse(0)
                  - counts.stream().mapToInt(Integer::intValue).min().orElse(0))
          .as("round %d counts %s", round, w.counts())
          .isLessThanOrEqualTo(1);
    }
  }
}
