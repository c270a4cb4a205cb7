package io.tidb.cdc.operator.placement;

import io.tidb.cdc.coord.Assignment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planner's answer.
 *
 * @param writes assignments to put (every one carries the new epoch)
 * @param deletes captures whose assignment key is deleted (the capture is gone)
 * @param moves what changed hands, for events and logs
 * @param releasePendingSince tables still waiting for their old owner's release, and since when
 * @param epoch the epoch of the writes (unchanged when nothing is written)
 */
public record PlacementPlan(
    Map<String, Assignment> writes,
    Set<String> deletes,
    List<Move> moves,
    Map<Long, Long> releasePendingSince,
    long epoch) {
  public PlacementPlan {
    writes = Map.copyOf(writes);
    deletes = Set.copyOf(deletes);
    moves = List.copyOf(moves);
    releasePendingSince = Map.copyOf(releasePendingSince);
  }

  /** Whether anything must be written to etcd. */
  public boolean changesAssignments() {
    return !writes.isEmpty() || !deletes.isEmpty();
  }
}
