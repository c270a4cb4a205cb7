package io.tidb.cdc.worker.event;

import java.util.Objects;

/**
 * Every change in {@code span} with a commit ts at or below {@code resolvedTs} has been delivered;
 * nothing at or below it will follow.
 */
public record ResolvedTsEvent(KeySpan span, long resolvedTs) {
  public ResolvedTsEvent {
    Objects.requireNonNull(span, "span");
    if (resolvedTs < 0) {
      throw new IllegalArgumentException("resolved ts must fit in 63 bits: " + resolvedTs);
    }
  }
}
