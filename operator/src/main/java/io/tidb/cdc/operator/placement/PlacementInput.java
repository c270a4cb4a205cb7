package io.tidb.cdc.operator.placement;

import io.tidb.cdc.coord.Assignment;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the planner sees of one changefeed.
 *
 * @param tables the tables to replicate (the maintainer's table list)
 * @param liveCaptures live capture id → create revision of its capture key (its incarnation)
 * @param draining captures with a drain request: they get nothing and lose what they have
 * @param assignments current assignment per capture
 * @param positions current position per table
 * @param releasePendingSince table → when the planner first saw it waiting for its old owner's
 *     release (carried from one plan to the next; the planner's only memory)
 * @param nowMillis the current time
 * @param drainTimeout how long an old owner may take to release a table
 */
public record PlacementInput(
    SortedSet<Long> tables,
    Map<String, Long> liveCaptures,
    Set<String> draining,
    Map<String, Assignment> assignments,
    Map<Long, PositionState> positions,
    Map<Long, Long> releasePendingSince,
    long nowMillis,
    Duration drainTimeout) {
  public PlacementInput {
    tables = new TreeSet<>(tables);
    liveCaptures = Map.copyOf(liveCaptures);
    draining = Set.copyOf(draining);
    assignments = Map.copyOf(assignments);
    positions = Map.copyOf(positions);
    releasePendingSince = Map.copyOf(releasePendingSince);
  }
}
