package io.tidb.cdc.worker.sorter.spill;

import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.sorter.SortedEventSink;
import io.tidb.cdc.worker.sorter.Sorter;
import io.tidb.cdc.worker.sorter.SorterException;
import io.tidb.cdc.worker.sorter.memory.SortBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Sorter} within a memory quota shared by a changefeed's sorters (default {@link
 * SpillConfig#DEFAULT_QUOTA_BYTES}).
 *
 * <p>Events are buffered on the heap, charged to the quota. When the quota cannot take the next
 * event, this sorter's buffer is sorted and written to a run file in the configured directory, and
 * its bytes are released. {@link #resolve} k-way merges the runs with the buffered events at or
 * below the resolved ts, streaming from disk, so releasing a transaction larger than the heap needs
 * one event per run in memory. Exhausted runs are deleted at once; when {@link
 * SpillConfig#maxRuns()} runs exist the smaller half is merged into one. {@link #close()} deletes
 * everything. No background threads: spilling happens in {@link #add}, merging in {@link #resolve},
 * both under this sorter's lock.
 */
public final class SpillingSorter implements Sorter {
  private static final Logger LOG = LoggerFactory.getLogger(SpillingSorter.class);

  private final SpillConfig config;
  private final MemoryQuota quota;
  private final SortedEventSink sink;
  private final SortBuffer buffer = new SortBuffer();
  private final List<RunFile> runs = new ArrayList<>();
  private long resolvedTs;
  private long spilledEvents;
  private long runsWritten;
  private boolean closed;

  public SpillingSorter(SpillConfig config, long startTs, SortedEventSink sink) {
    this.config = Objects.requireNonNull(config, "config");
    this.quota = config.quota();
    this.sink = Objects.requireNonNull(sink, "sink");
    if (startTs < 0) {
      throw new IllegalArgumentException("start ts must fit in 63 bits: " + startTs);
    }
    this.resolvedTs = startTs;
  }

  @Override
  public synchronized void add(RawKvEvent event) throws SorterException {
    requireOpen();
    if (event.commitTs() <= resolvedTs) {
      throw new SorterException(
          "event of key "
              + event.key()
              + " with commitTs="
              + event.commitTs()
              + " arrived after resolved ts "
              + resolvedTs
              + " was released");
    }
    long size = event.estimatedSize();
    if (!quota.tryAcquire(size)) {
      if (!buffer.isEmpty()
          && buffer.bytes() >= Math.min(config.minRunBytes(), quota.limit() / 4)) {
        spill();
      }
      if (!quota.tryAcquire(size)) {
        // Others hold the quota and this buffer is too small to be worth a run: overshoot a little.
        quota.forceAcquire(size);
      }
    }
    buffer.add(event);
  }

  @Override
  public synchronized void resolve(long ts) throws SorterException {
    requireOpen();
    if (ts <= resolvedTs) {
      return;
    }
    SortBuffer.Drained drained = buffer.drainUpTo(ts);
    try {
      if (runs.isEmpty()) {
        for (RawKvEvent e : drained.events()) {
          sink.onEvent(e);
        }
      } else {
        List<MergeSource> sources = new ArrayList<>(runs);
        sources.add(MergeSource.of(drained.events()));
        KWayMerge.merge(sources, ts, sink::onEvent);
        deleteExhaustedRuns();
      }
    } catch (IOException e) {
      throw new SorterException("reading spilled runs in " + config.directory() + " failed", e);
    } finally {
      quota.release(drained.bytes());
    }
    resolvedTs = ts;
    sink.onResolved(ts);
  }

  @Override
  public synchronized long resolvedTs() {
    return resolvedTs;
  }

  /** Counters for metrics and tests. */
  public synchronized SpillStats stats() {
    long onDisk = 0;
    for (RunFile r : runs) {
      onDisk += r.remaining();
    }
    return new SpillStats(
        buffer.count(), buffer.bytes(), runs.size(), onDisk, runsWritten, spilledEvents);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    quota.release(buffer.clear());
    for (RunFile r : runs) {
      try {
        r.close();
      } catch (IOException e) {
        LOG.warn("could not delete sorter run {}: {}", r.path(), e.toString());
      }
    }
    runs.clear();
  }

  private void spill() throws SorterException {
    SortBuffer.Drained drained = buffer.drainAll();
    try {
      runs.add(writeRun(List.of(MergeSource.of(drained.events()))));
      spilledEvents += drained.events().size();
      if (runs.size() >= config.maxRuns()) {
        compact();
      }
    } catch (IOException e) {
      throw new SorterException("spilling to " + config.directory() + " failed", e);
    } finally {
      quota.release(drained.bytes());
    }
  }

  /** Merges the smaller half of the runs into one, so big runs are not rewritten every time. */
  private void compact() throws IOException {
    List<RunFile> bySize = new ArrayList<>(runs);
    bySize.sort(Comparator.comparingLong(RunFile::remaining));
    List<RunFile> victims = bySize.subList(0, Math.max(2, bySize.size() / 2));
    RunFile merged = writeRun(victims);
    for (RunFile v : victims) {
      runs.remove(v);
      v.close();
    }
    runs.add(merged);
  }

  private RunFile writeRun(List<? extends MergeSource> sources) throws IOException {
    try (RunFile.Writer writer = RunFile.create(config.directory())) {
      KWayMerge.merge(sources, Long.MAX_VALUE, writer::append);
      runsWritten++;
      return writer.finish();
    }
  }

  private void deleteExhaustedRuns() throws IOException {
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (runs.get(i).head() == null) {
        runs.remove(i).close();
      }
    }
  }

  private void requireOpen() throws SorterException {
    if (closed) {
      throw new SorterException("sorter is closed");
    }
  }
}
