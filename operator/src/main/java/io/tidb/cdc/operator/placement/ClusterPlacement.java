package io.tidb.cdc.operator.placement;

import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.DesiredState;
import io.tidb.cdc.coord.TableList;
import io.tidb.cdc.operator.etcd.ChangefeedSnapshot;
import io.tidb.cdc.operator.etcd.ClusterSnapshot;
import io.tidb.cdc.operator.etcd.ClusterStore;
import io.tidb.cdc.operator.etcd.EtcdUnavailableException;
import io.tidb.cdc.operator.etcd.Versioned;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * One placement pass over every running changefeed of one cluster: read a snapshot, plan, write the
 * assignments that change in a compare-and-swap transaction. Not thread-safe: the controller runs
 * it on one thread per cluster.
 */
public final class ClusterPlacement {
  private final ClusterStore store;
  private final PlacementListener listener;
  private final LongSupplier clock;
  private volatile Duration drainTimeout;
  private final Map<ChangefeedId, Map<Long, Long>> pending = new HashMap<>();

  public ClusterPlacement(
      ClusterStore store, Duration drainTimeout, PlacementListener listener, LongSupplier clock) {
    this.store = store;
    this.drainTimeout = drainTimeout;
    this.listener = listener;
    this.clock = clock;
  }

  public void drainTimeout(Duration value) {
    drainTimeout = value;
  }

  /**
   * Runs one pass.
   *
   * @return true when every write succeeded; false when a compare failed (state moved under us) and
   *     another pass is due
   */
  public boolean runOnce() throws EtcdUnavailableException {
    ClusterSnapshot snapshot = store.snapshot();
    Map<String, Long> live = new HashMap<>();
    snapshot.captures().forEach((id, c) -> live.put(id, c.createRevision()));
    boolean clean = true;
    pending.keySet().retainAll(snapshot.changefeeds().keySet());
    for (ChangefeedSnapshot cf : snapshot.changefeeds().values()) {
      if (cf.info() == null
          || cf.info().value().state() != DesiredState.RUNNING
          || cf.tables() == null) {
        continue;
      }
      clean &= placeOne(cf, live, snapshot);
    }
    return clean;
  }

  private boolean placeOne(ChangefeedSnapshot cf, Map<String, Long> live, ClusterSnapshot snapshot)
      throws EtcdUnavailableException {
    TreeSet<Long> tables = new TreeSet<>();
    for (TableList.Table t : cf.tables().tables()) {
      tables.add(t.id());
    }
    Map<String, Assignment> assignments = new HashMap<>();
    Map<String, Long> expected = new HashMap<>();
    for (var e : cf.assignments().entrySet()) {
      assignments.put(e.getKey(), e.getValue().value());
      expected.put(e.getKey(), e.getValue().modRevision());
    }
    Map<Long, PositionState> positions = new HashMap<>();
    for (Map.Entry<Long, Versioned<io.tidb.cdc.coord.TablePosition>> e :
        cf.positions().entrySet()) {
      positions.put(
          e.getKey(), new PositionState(e.getValue().value(), e.getValue().modRevision()));
    }
    PlacementPlan plan =
        PlacementPlanner.plan(
            new PlacementInput(
                tables,
                live,
                snapshot.drains().keySet(),
                assignments,
                positions,
                pending.getOrDefault(cf.id(), Map.of()),
                clock.getAsLong(),
                drainTimeout));
    pending.put(cf.id(), plan.releasePendingSince());
    if (!plan.changesAssignments()) {
      return true;
    }
    if (!store.writeAssignments(cf.id(), expected, plan.writes(), plan.deletes())) {
      return false;
    }
    if (!plan.moves().isEmpty()) {
      listener.placed(cf.info().value(), plan.moves());
    }
    return true;
  }
}
