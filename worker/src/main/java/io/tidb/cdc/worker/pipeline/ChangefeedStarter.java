package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.filter.FilterRuleException;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.puller.pd.GcSafePointKeeper;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.puller.pd.ServiceSafePoint;
import io.tidb.cdc.worker.schema.DdlJobParser;
import io.tidb.cdc.worker.schema.MetaReadException;
import io.tidb.cdc.worker.schema.SchemaException;
import io.tidb.cdc.worker.schema.SchemaSnapshot;
import io.tidb.cdc.worker.schema.SchemaStorage;
import io.tidb.cdc.worker.schema.SnapshotLoader;
import io.tidb.cdc.worker.sink.Sink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a changefeed: picks the start ts (the stored checkpoint, else {@code spec.startTs}, else
 * the current TSO), registers the GC safe point there (refusing a start ts PD already collected),
 * reads the schema at it, and hands everything to a {@link ChangefeedPipeline}.
 */
public final class ChangefeedStarter {
  private static final Logger LOG = LoggerFactory.getLogger(ChangefeedStarter.class);

  private ChangefeedStarter() {}

  /**
   * Starts replicating. On failure the sink is closed; the upstream stays the caller's.
   *
   * @throws StartException naming what prevents the start and whether a retry can help
   */
  public static ChangefeedPipeline start(
      ChangefeedSettings settings,
      Upstream upstream,
      Sink sink,
      PositionStore positions,
      PipelineOptions options)
      throws StartException {
    try {
      return doStart(settings, upstream, sink, positions, options);
    } catch (StartException | RuntimeException e) {
      sink.close();
      throw e;
    }
  }

  /** What every role's start needs: the start ts, the schema there and the filter. */
  private record Prepared(
      long startTs, SchemaSnapshot snapshot, DdlJobParser parser, ChangefeedFilter filter) {}

  private static ChangefeedPipeline doStart(
      ChangefeedSettings settings,
      Upstream upstream,
      Sink sink,
      PositionStore positions,
      PipelineOptions options)
      throws StartException {
    Prepared p = prepare(settings, upstream, positions, options);
    prepareSpillDirectory(options.spillDirectory());
    SchemaStorage storage = new SchemaStorage(p.snapshot());
    DeferredFailures failures = new DeferredFailures();
    AtomicReference<String> failure = new AtomicReference<>();
    TableOwner owner =
        new TableOwner(
            settings.id(),
            upstream.puller(),
            sink,
            options,
            p.filter(),
            storage,
            () -> Long.MAX_VALUE, // the barrier never passes the DDL puller, which feeds storage
            () -> {},
            sorterQuota(settings),
            failures);
    ChangefeedMaintainer maintainer =
        newMaintainer(
            settings,
            upstream,
            sink,
            options,
            p,
            positions,
            storage,
            new LocalTableProgress(owner),
            failures);
    ChangefeedPipeline pipeline =
        new ChangefeedPipeline(settings, sink, options, maintainer, owner, failure);
    failures.forwardTo(pipeline::fail);
    maintainer.start(upstream.puller(), TableSet.of(p.snapshot(), p.filter()));
    pipeline.run();
    return pipeline;
  }

  /**
   * Starts the maintainer role alone (capture mode): picks and protects the start ts, loads the
   * schema, subscribes the DDL spans and lists the start tables through {@code tables}. The caller
   * drives it; the sink stays the caller's.
   *
   * @throws StartException naming what prevents the start and whether a retry can help
   */
  public static ChangefeedMaintainer startMaintainer(
      ChangefeedSettings settings,
      Upstream upstream,
      Sink sink,
      PositionStore positions,
      PipelineOptions options,
      TableProgress tables,
      Failures failures)
      throws StartException {
    Prepared p = prepare(settings, upstream, positions, options);
    ChangefeedMaintainer m =
        newMaintainer(
            settings,
            upstream,
            sink,
            options,
            p,
            positions,
            new SchemaStorage(p.snapshot()),
            tables,
            failures);
    m.start(upstream.puller(), TableSet.of(p.snapshot(), p.filter()));
    return m;
  }

  /**
   * Starts the table-owner role alone (capture mode), without tables: its own schema-only DDL
   * puller keeps a schema from {@code schemaTs} for mounting, and nothing is released above what
   * that schema covers. The sink stays the caller's.
   */
  public static TableOwner startTableOwner(
      ChangefeedSettings settings,
      Upstream upstream,
      Sink sink,
      PipelineOptions options,
      long schemaTs,
      Failures failures)
      throws StartException {
    ChangefeedFilter filter = filterOf(settings);
    SchemaSnapshot snapshot = loadSchema(upstream, schemaTs);
    SchemaStorage storage = new SchemaStorage(snapshot);
    DdlPuller ddl = DdlPuller.schemaOnly(parserFor(snapshot), storage, filter, schemaTs, failures);
    prepareSpillDirectory(options.spillDirectory());
    TableOwner owner =
        new TableOwner(
            settings.id(),
            upstream.puller(),
            sink,
            options,
            filter,
            storage,
            ddl::resolvedTs,
            ddl,
            sorterQuota(settings),
            failures);
    ddl.start(upstream.puller());
    return owner;
  }

  private static ChangefeedMaintainer newMaintainer(
      ChangefeedSettings settings,
      Upstream upstream,
      Sink sink,
      PipelineOptions options,
      Prepared p,
      PositionStore positions,
      SchemaStorage storage,
      TableProgress tables,
      Failures failures) {
    DdlPuller ddl = DdlPuller.forBarrier(p.parser(), storage, p.filter(), p.startTs(), failures);
    CheckpointKeeper keeper =
        new CheckpointKeeper(
            positions,
            new GcSafePointKeeper(upstream.pd(), options.gcServiceId(), settings.gcTtl()),
            sink,
            options.checkpointSaveInterval(),
            settings.gcTtl(),
            System::currentTimeMillis,
            failures);
    return new ChangefeedMaintainer(
        settings, sink, options, p.filter(), ddl, keeper, tables, p.startTs());
  }

  private static Prepared prepare(
      ChangefeedSettings settings,
      Upstream upstream,
      PositionStore positions,
      PipelineOptions options)
      throws StartException {
    ChangefeedFilter filter = filterOf(settings);
    OptionalLong stored;
    try {
      stored = positions.loadCheckpoint();
    } catch (IOException e) {
      throw new StartException("cannot read the stored checkpoint: " + e.getMessage(), e, false);
    }
    long startTs;
    String origin;
    try {
      if (stored.isPresent()) {
        startTs = stored.getAsLong();
        origin = "the stored checkpoint";
      } else if (settings.startTs() > 0) {
        startTs = settings.startTs();
        origin = "spec.startTs";
      } else {
        startTs = upstream.pd().currentTs();
        origin = "the current TSO";
      }
      protectStartTs(settings, upstream, options, startTs, origin);
    } catch (PdException e) {
      throw new StartException("PD: " + e.getMessage(), e, true);
    }
    SchemaSnapshot snapshot = loadSchema(upstream, startTs);
    LOG.info(
        "changefeed {} starts at ts {} ({}), schema version {} with {} tables",
        settings.id(),
        startTs,
        origin,
        snapshot.schemaVersion(),
        snapshot.tableCount());
    return new Prepared(startTs, snapshot, parserFor(snapshot), filter);
  }

  private static ChangefeedFilter filterOf(ChangefeedSettings settings) throws StartException {
    try {
      return ChangefeedFilter.create(settings.filter());
    } catch (FilterRuleException e) {
      throw new StartException("spec.filter: " + e.getMessage(), e, false);
    }
  }

  private static SchemaSnapshot loadSchema(Upstream upstream, long ts) throws StartException {
    try {
      return SnapshotLoader.load(upstream.meta(), ts);
    } catch (MetaReadException e) {
      throw new StartException("reading the schema at ts " + ts + ": " + e.getMessage(), e, true);
    } catch (SchemaException e) {
      throw new StartException("the schema at ts " + ts + ": " + e.getMessage(), e, false);
    }
  }

  private static DdlJobParser parserFor(SchemaSnapshot snapshot) {
    try {
      return DdlJobParser.forSnapshot(snapshot);
    } catch (SchemaException e) {
      LOG.info("{}; reading DDL jobs from meta keys", e.getMessage());
      return DdlJobParser.metaKeysOnly();
    }
  }

  private static MemoryQuota sorterQuota(ChangefeedSettings settings) {
    long sorterBytes =
        HeapBudget.cap(
            settings.sorterMemoryBytes(),
            Runtime.getRuntime().maxMemory(),
            HeapBudget.SORTER_SHARE);
    if (sorterBytes < settings.sorterMemoryBytes()) {
      LOG.info(
          "changefeed {}: sorter memory {} MiB (a quarter of the heap) instead of {} MiB",
          settings.id(),
          sorterBytes >> 20,
          settings.sorterMemoryBytes() >> 20);
    }
    return new MemoryQuota("sorter/" + settings.id(), sorterBytes);
  }

  /**
   * Registers the service GC safe point just below {@code startTs}; refuses a start ts below what
   * PD (or another service) already lets TiKV collect.
   */
  private static void protectStartTs(
      ChangefeedSettings settings,
      Upstream upstream,
      PipelineOptions options,
      long startTs,
      String origin)
      throws PdException, StartException {
    long gcSafePoint = upstream.pd().gcSafePoint();
    ServiceSafePoint sp =
        upstream
            .pd()
            .updateServiceGcSafePoint(
                options.gcServiceId(), settings.gcTtl().getSeconds(), startTs - 1);
    long floor = Math.max(gcSafePoint, sp.minSafePoint());
    if (startTs < floor) {
      String field = origin.startsWith("spec.") ? origin + ": " : "";
      throw new StartException(
          field
              + "start ts "
              + startTs
              + " (from "
              + origin
              + ") is older than the GC safe point "
              + floor
              + " (service '"
              + (floor == gcSafePoint ? "gc_worker" : sp.minServiceId())
              + "'): the data since then may be gone; choose a later start ts",
          null,
          false);
    }
  }

  /** Sorter runs of an earlier process are useless after a restart: start empty. */
  private static void prepareSpillDirectory(Path dir) throws StartException {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            if (!p.equals(dir)) {
              Files.delete(p);
            }
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StartException("cannot prepare the sorter directory " + dir + ": " + e, e, false);
    }
  }
}
