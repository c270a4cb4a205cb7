package io.tidb.cdc.worker.frontier;

import io.tidb.cdc.worker.event.KeySpan;

/**
 * One piece of a {@link SpanFrontier}: a key range, its resolved ts, and the region (id and epoch
 * version) that last reported it. Region id {@value SpanFrontier#NO_REGION} marks a hole.
 */
public record SubRange(KeySpan span, long resolvedTs, long regionId, long version) {
  /** True when no live region covers this range: it holds the span at {@link #resolvedTs}. */
  public boolean isHole() {
    return regionId == SpanFrontier.NO_REGION;
  }
}
