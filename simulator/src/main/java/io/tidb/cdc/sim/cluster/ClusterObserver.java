package io.tidb.cdc.sim.cluster;

import io.tidb.cdc.sim.mvcc.Applied;
import java.util.List;

/**
 * Receives every change of the cluster in the order it happens. All calls are made while the
 * cluster lock is held: implementations must only record or enqueue, never block.
 */
public interface ClusterObserver {
  /** A transaction step changed keys of {@code region} (one raft apply batch). */
  default void onApplied(Region region, List<? extends Applied> changes) {}

  /** {@code before} split into {@code after} (in key order; one of them keeps the id). */
  default void onSplit(Region before, List<Region> after) {}

  /** {@code source} merged into {@code targetBefore}, which became {@code targetAfter}. */
  default void onMerge(Region source, Region targetBefore, Region targetAfter) {}

  /** The leader of a region moved to another store. */
  default void onLeaderChange(Region before, Region after) {}

  /** A store stopped: its servers are gone and its connections broken. */
  default void onStoreStopped(long storeId) {}

  /** A stopped store runs again (as follower of all its regions). */
  default void onStoreStarted(long storeId) {}
}
