package io.tidb.cdc.sim.cdc;

import io.tidb.cdc.sim.cluster.Region;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The CDC delegate of one region on its leader store: the subscriptions it serves, its resolved ts
 * and its apply index. A region change (split, merge, leader move) ends the feed as a whole.
 * Mutated under the cluster lock, except subscriptions leaving when their stream closes.
 */
final class RegionFeed {
  private final Region region;
  private final List<Downstream> downstreams = new CopyOnWriteArrayList<>();
  private long resolvedTs;
  private long index;

  RegionFeed(Region region) {
    this.region = region;
  }

  Region region() {
    return region;
  }

  List<Downstream> downstreams() {
    return downstreams;
  }

  long nextIndex() {
    return ++index;
  }

  /** Raises the resolved ts to {@code candidate} if higher; it never moves back. */
  long advanceResolvedTs(long candidate) {
    if (candidate > resolvedTs) {
      resolvedTs = candidate;
    }
    return resolvedTs;
  }
}
