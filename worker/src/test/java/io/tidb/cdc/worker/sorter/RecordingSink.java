package io.tidb.cdc.worker.sorter;

import io.tidb.cdc.worker.event.RawKvEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a sorter releases. */
public final class RecordingSink implements SortedEventSink {
  public final List<RawKvEvent> events = new ArrayList<>();
  public final List<Long> resolved = new ArrayList<>();

  @Override
  public void onEvent(RawKvEvent event) {
    events.add(event);
  }

  @Override
  public void onResolved(long resolvedTs) {
    resolved.add(resolvedTs);
  }
}
