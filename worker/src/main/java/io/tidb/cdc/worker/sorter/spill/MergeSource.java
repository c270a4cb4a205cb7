package io.tidb.cdc.worker.sorter.spill;

import io.tidb.cdc.worker.event.RawKvEvent;
import java.io.IOException;
import java.util.List;

/** An ordered stream of events with one event of look-ahead. */
interface MergeSource {
  /** The next event, or null when the source is exhausted. */
  RawKvEvent head();

  /** Moves past {@link #head()}. */
  void advance() throws IOException;

  /** A source over an already ordered list. */
  static MergeSource of(List<RawKvEvent> events) {
    return new MergeSource() {
      private int next;

      @Override
      public RawKvEvent head() {
        return next < events.size() ? events.get(next) : null;
      }

      @Override
      public void advance() {
        next++;
      }
    };
  }
}
