package io.tidb.cdc.worker.schema;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The schema's history: one immutable {@link SchemaSnapshot} per applied DDL job, keyed by the
 * job's finished ts. One writer (the DDL puller) applies jobs in commit-ts order and advances the
 * resolved ts; any number of readers (mounters) ask for {@link #schemaAt(long)}.
 *
 * <p>A row committed at ts {@code c} must be decoded with {@code schemaAt(c - 1)}: with async
 * commit a DML can share its commit ts with a DDL's finished ts and was written with the schema
 * before that DDL.
 */
public final class SchemaStorage implements SchemaProvider {
  private final ConcurrentNavigableMap<Long, SchemaSnapshot> versions =
      new ConcurrentSkipListMap<>();
  private volatile long resolvedTs;
  private long lastSchemaVersion;

  /** Starts from a snapshot read at the changefeed's start ts. */
  public SchemaStorage(SchemaSnapshot initial) {
    Objects.requireNonNull(initial, "initial");
    versions.put(initial.ts(), initial);
    resolvedTs = initial.ts();
    lastSchemaVersion = initial.schemaVersion();
  }

  /**
   * Applies the next finished DDL job. Jobs already reflected in the schema (finished at or before
   * the latest version, or with a schema version not above the last one seen) are skipped, so a job
   * read twice (from {@code tidb_ddl_job} and {@code tidb_ddl_history}) applies once.
   *
   * @throws SchemaException when the job contradicts the schema, or arrives below the resolved ts
   */
  public synchronized ApplyResult apply(DdlJob job) {
    SchemaSnapshot latest = latest();
    if (job.finishedTs() <= latest.ts() || job.schemaVersion() <= lastSchemaVersion) {
      return new ApplyResult.Skipped(
          job,
          "already applied: the schema is at ts "
              + latest.ts()
              + " and version "
              + lastSchemaVersion);
    }
    if (job.finishedTs() <= resolvedTs) {
      throw new SchemaException(
          job
              + " arrived after the schema's resolved ts "
              + resolvedTs
              + " passed its finished ts: rows in between may have been decoded with the old"
              + " schema");
    }
    ApplyResult result = DdlApplier.apply(latest, job);
    if (result instanceof ApplyResult.Applied applied) {
      versions.put(job.finishedTs(), applied.after());
    }
    lastSchemaVersion = job.schemaVersion();
    resolvedTs = job.finishedTs();
    return result;
  }

  /** Every DDL job finished at or before {@code ts} has been applied. */
  public synchronized void advanceResolvedTs(long ts) {
    if (ts > resolvedTs) {
      resolvedTs = ts;
    }
  }

  public long resolvedTs() {
    return resolvedTs;
  }

  @Override
  public SchemaSnapshot schemaAt(long ts) {
    long resolved = resolvedTs;
    if (ts > resolved) {
      throw new SchemaNotResolvedException(ts, resolved);
    }
    Map.Entry<Long, SchemaSnapshot> e = versions.floorEntry(ts);
    if (e == null) {
      throw new SchemaException(
          "schema at ts "
              + ts
              + " is not kept: the oldest version is at ts "
              + versions.firstKey()
              + " (the start ts, or later after garbage collection)");
    }
    return e.getValue();
  }

  /** The newest version, whatever the resolved ts. */
  public SchemaSnapshot latest() {
    return versions.lastEntry().getValue();
  }

  /**
   * Drops versions no reader at or above {@code checkpointTs} can need: all but the newest one at
   * or below it. Returns how many were dropped.
   */
  public synchronized int gc(long checkpointTs) {
    Long keep = versions.floorKey(checkpointTs);
    if (keep == null) {
      return 0;
    }
    ConcurrentNavigableMap<Long, SchemaSnapshot> older = versions.headMap(keep, false);
    int n = older.size();
    older.clear();
    return n;
  }

  /** How many versions are kept. */
  public int versionCount() {
    return versions.size();
  }
}
