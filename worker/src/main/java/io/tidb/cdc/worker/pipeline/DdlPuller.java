package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.event.ResolvedTsEvent;
import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.puller.Puller;
import io.tidb.cdc.worker.puller.PullerException;
import io.tidb.cdc.worker.puller.SpanConsumer;
import io.tidb.cdc.worker.puller.Subscription;
import io.tidb.cdc.worker.schema.ApplyResult;
import io.tidb.cdc.worker.schema.DdlJob;
import io.tidb.cdc.worker.schema.DdlJobParser;
import io.tidb.cdc.worker.schema.SchemaStorage;
import io.tidb.cdc.worker.sorter.SortedEventSink;
import io.tidb.cdc.worker.sorter.SorterException;
import io.tidb.cdc.worker.sorter.memory.MemorySorter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DDL puller of a changefeed: subscribes the DDL job tables' spans, orders their changes by
 * commit ts, parses finished jobs and applies them to the schema storage, and queues each applied
 * job for the barrier. Its resolved ts is the minimum over its spans; it is published only after
 * every job at or below it is applied and queued, so a reader that sees resolved ts R also sees
 * every DDL at or below R in {@link #pending()}.
 */
final class DdlPuller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DdlPuller.class);

  private final DdlJobParser parser;
  private final SchemaStorage storage;
  private final ChangefeedFilter filter;
  private final Failures failures;
  private final MemorySorter sorter;
  private final long[] spanResolved;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final Queue<PendingDdl> pending = new ConcurrentLinkedQueue<>();
  private final Consumer<PendingDdl> onApplied;
  private volatile long resolvedTs;

  /** The maintainer's DDL puller: applied DDLs wait in {@link #pending()} for the barrier. */
  static DdlPuller forBarrier(
      DdlJobParser parser,
      SchemaStorage storage,
      ChangefeedFilter filter,
      long startTs,
      Failures failures) {
    return new DdlPuller(parser, storage, filter, startTs, failures, null);
  }

  /** A table owner's DDL puller: it only keeps the schema storage current for mounting. */
  static DdlPuller schemaOnly(
      DdlJobParser parser,
      SchemaStorage storage,
      ChangefeedFilter filter,
      long startTs,
      Failures failures) {
    return new DdlPuller(parser, storage, filter, startTs, failures, p -> {});
  }

  private DdlPuller(
      DdlJobParser parser,
      SchemaStorage storage,
      ChangefeedFilter filter,
      long startTs,
      Failures failures,
      Consumer<PendingDdl> onApplied) {
    this.onApplied = onApplied == null ? pending::add : onApplied;
    this.parser = parser;
    this.storage = storage;
    this.filter = filter;
    this.failures = failures;
    this.resolvedTs = startTs;
    this.spanResolved = new long[parser.watchedSpans().size()];
    java.util.Arrays.fill(spanResolved, startTs);
    this.sorter = new MemorySorter(startTs, new Applier());
  }

  void start(Puller puller) {
    List<KeySpan> spans = parser.watchedSpans();
    for (int i = 0; i < spans.size(); i++) {
      subscriptions.add(puller.subscribe(spans.get(i), resolvedTs, new SpanInput(i)));
    }
  }

  /** Every DDL job finished at or below this ts is applied and queued. */
  long resolvedTs() {
    return resolvedTs;
  }

  /** Applied DDLs in commit order, waiting at the barrier. */
  Queue<PendingDdl> pending() {
    return pending;
  }

  @Override
  public void close() {
    subscriptions.forEach(Subscription::close);
    sorter.close();
  }

  private synchronized void onSpanResolved(int span, long ts) {
    spanResolved[span] = Math.max(spanResolved[span], ts);
    long min = Long.MAX_VALUE;
    for (long r : spanResolved) {
      min = Math.min(min, r);
    }
    try {
      sorter.resolve(min);
    } catch (SorterException | RuntimeException e) {
      failures.fail("DDL puller", e);
    }
  }

  /** One watched span's input. */
  private final class SpanInput implements SpanConsumer {
    private final int index;

    SpanInput(int index) {
      this.index = index;
    }

    @Override
    public void onEvent(RawKvEvent event) {
      try {
        sorter.add(event);
      } catch (SorterException e) {
        failures.fail("DDL puller", e);
      }
    }

    @Override
    public void onResolved(ResolvedTsEvent resolved) {
      onSpanResolved(index, resolved.resolvedTs());
    }

    @Override
    public void onFailure(PullerException error) {
      failures.fail("DDL puller subscription", error);
    }
  }

  /** Applies released job changes in commit order. */
  private final class Applier implements SortedEventSink {
    @Override
    public void onEvent(RawKvEvent event) {
      Optional<DdlJob> job = parser.parse(event);
      if (job.isEmpty()) {
        return;
      }
      ApplyResult result = storage.apply(job.get());
      if (result instanceof ApplyResult.Applied applied) {
        PendingDdl p = DdlEvents.pending(applied, filter);
        LOG.info("DDL {} applied to the schema; queued at the barrier", job.get());
        onApplied.accept(p);
      } else if (result instanceof ApplyResult.Skipped skipped) {
        LOG.debug("DDL {} skipped: {}", job.get(), skipped.reason());
      }
    }

    @Override
    public void onResolved(long ts) {
      storage.advanceResolvedTs(ts);
      resolvedTs = ts;
    }
  }
}
