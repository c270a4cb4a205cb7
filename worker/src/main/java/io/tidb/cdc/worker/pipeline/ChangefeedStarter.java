package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.filter.FilterRuleException;
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

  private static ChangefeedPipeline doStart(
      ChangefeedSettings settings,
      Upstream upstream,
      Sink sink,
      PositionStore positions,
      PipelineOptions options)
      throws StartException {
    ChangefeedFilter filter;
    try {
      filter = ChangefeedFilter.create(settings.filter());
    } catch (FilterRuleException e) {
      throw new StartException("spec.filter: " + e.getMessage(), e, false);
    }
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
    SchemaSnapshot snapshot;
    try {
      snapshot = SnapshotLoader.load(upstream.meta(), startTs);
    } catch (MetaReadException e) {
      throw new StartException(
          "reading the schema at ts " + startTs + ": " + e.getMessage(), e, true);
    } catch (SchemaException e) {
      throw new StartException("the schema at ts " + startTs + ": " + e.getMessage(), e, false);
    }
    DdlJobParser parser;
    try {
      parser = DdlJobParser.forSnapshot(snapshot);
    } catch (SchemaException e) {
      LOG.info("{}; reading DDL jobs from meta keys", e.getMessage());
      parser = DdlJobParser.metaKeysOnly();
    }
    prepareSpillDirectory(options.spillDirectory());
    LOG.info(
        "changefeed {} starts at ts {} ({}), schema version {} with {} tables",
        settings.id(),
        startTs,
        origin,
        snapshot.schemaVersion(),
        snapshot.tableCount());
    ChangefeedPipeline p =
        new ChangefeedPipeline(
            settings,
            upstream,
            sink,
            options,
            positions,
            filter,
            new SchemaStorage(snapshot),
            parser,
            startTs);
    p.run(TableSet.of(snapshot, filter));
    return p;
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
