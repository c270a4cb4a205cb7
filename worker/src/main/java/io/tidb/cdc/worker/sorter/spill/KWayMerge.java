package io.tidb.cdc.worker.sorter.spill;

import io.tidb.cdc.worker.event.RawKvEvent;
import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.PriorityQueue;

/** Merges ordered sources through a heap of their heads: O(log k) per event for k sources. */
final class KWayMerge {
  /** Receives merged events; may fail with an I/O error (e.g. when writing a run). */
  @FunctionalInterface
  interface Output {
    void accept(RawKvEvent event) throws IOException;
  }

  private static final Comparator<MergeSource> BY_HEAD =
      Comparator.comparing(MergeSource::head, RawKvEvent.ORDER);

  private KWayMerge() {}

  /**
   * Emits, in order, every event of {@code sources} with commit ts at or below {@code upToTs}.
   * Sources are left positioned at their first event above it.
   *
   * @return the number of events emitted
   */
  static long merge(Collection<? extends MergeSource> sources, long upToTs, Output out)
      throws IOException {
    PriorityQueue<MergeSource> heap = new PriorityQueue<>(Math.max(1, sources.size()), BY_HEAD);
    for (MergeSource s : sources) {
      if (within(s, upToTs)) {
        heap.add(s);
      }
    }
    long n = 0;
    while (!heap.isEmpty()) {
      MergeSource s = heap.poll();
      out.accept(s.head());
      n++;
      s.advance();
      if (within(s, upToTs)) {
        heap.add(s);
      }
    }
    return n;
  }

  private static boolean within(MergeSource s, long upToTs) {
    RawKvEvent head = s.head();
    return head != null && head.commitTs() <= upToTs;
  }
}
