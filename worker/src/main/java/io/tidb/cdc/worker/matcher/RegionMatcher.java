package io.tidb.cdc.worker.matcher;

import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.matcher.MatchException.Reason;
import io.tidb.cdc.worker.matcher.PrewriteBuffer.Match;
import io.tidb.cdc.worker.matcher.PrewriteBuffer.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Percolator matching for one subscribed region, following TiCDC's region event handling.
 *
 * <ul>
 *   <li>PREWRITE is held under (start ts, key). An empty-valued prewrite for a key already held is
 *       a transaction heartbeat and is ignored.
 *   <li>COMMIT takes its prewrite's value and old value and is emitted. Before INITIALIZED, a
 *       commit whose prewrite has not arrived is cached; at INITIALIZED the cache is matched again,
 *       and a commit still without a prewrite is dropped: its prewrite predates the subscription,
 *       so the incremental scan found the transaction committed and already sent it as COMMITTED.
 *       After INITIALIZED a commit without its prewrite is a protocol violation.
 *   <li>ROLLBACK drops its prewrite; before INITIALIZED rollbacks are cached and applied at
 *       INITIALIZED, after the cached commits.
 *   <li>COMMITTED rows from the incremental scan are emitted as they are.
 *   <li>A commit at or below the subscription's checkpoint ts is stale (TiKV may send it) and is
 *       skipped; one at or below the region's resolved ts is a protocol violation.
 * </ul>
 *
 * <p><b>Memory.</b> Unmatched prewrites are charged to the shared quota of {@link MatcherConfig}.
 * When the quota is exhausted the transaction of the incoming prewrite is evicted in this region
 * (see {@link PrewriteBuffer}): its values are released and its commits later fetch the value (and,
 * with {@link OldValueMode#WITH_OLD_VALUE}, the old value) through {@link SnapshotReader}: the
 * value at the commit ts and the old value at the start ts (no other commit on the key can fall
 * between them). An evicted transaction costs O(1) memory per region once the region is
 * initialized, so one huge transaction cannot exhaust the heap; the price is reading every evicted
 * row back, batched per {@code Entries} event by {@link EvictedCommits}. Because only its start ts
 * is kept, a commit of an evicted transaction whose prewrite never arrived cannot be told apart and
 * is read too.
 *
 * <p>Not thread-safe: one region's events are handled by one thread. After a {@link MatchException}
 * the matcher must be {@linkplain #close() closed} and the region re-subscribed.
 */
public final class RegionMatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegionMatcher.class);
  private static final long CACHED_ROW_OVERHEAD_BYTES = 120;

  private final MatcherConfig config;
  private final long regionId;
  private final long checkpointTs;
  private final Consumer<? super RawKvEvent> sink;
  private final PrewriteBuffer prewrites;
  private final EvictedCommits evicted;
  private final List<Cdcpb.Event.Row> cachedCommits = new ArrayList<>();
  private final List<Cdcpb.Event.Row> cachedRollbacks = new ArrayList<>();
  private long cachedBytes;
  private boolean initialized;
  private boolean inEntries;
  private long resolvedTs;
  private long snapshotReads;
  private long droppedCommits;

  /**
   * @param regionId the region, stamped on every emitted event
   * @param checkpointTs the ts the region was subscribed from; its resolved ts starts there
   * @param sink receives matched events in the order they complete
   */
  public RegionMatcher(
      MatcherConfig config, long regionId, long checkpointTs, Consumer<? super RawKvEvent> sink) {
    this.config = Objects.requireNonNull(config, "config");
    this.sink = Objects.requireNonNull(sink, "sink");
    if (checkpointTs < 0) {
      throw new IllegalArgumentException("checkpoint ts must fit in 63 bits: " + checkpointTs);
    }
    this.regionId = regionId;
    this.checkpointTs = checkpointTs;
    this.resolvedTs = checkpointTs;
    this.prewrites = new PrewriteBuffer(config.quota());
    this.evicted = new EvictedCommits(config, regionId);
  }

  /**
   * Handles every row of one EventFeed {@code Entries} event, in order. Commits of an evicted
   * transaction that follow each other are read back together.
   */
  public void onEntries(Cdcpb.Event.Entries entries) throws MatchException {
    inEntries = true;
    try {
      for (Cdcpb.Event.Row row : entries.getEntriesList()) {
        onRow(row);
      }
      emitEvictedHeld();
    } finally {
      inEntries = false;
    }
  }

  /** Handles one row of the region's event stream. */
  public void onRow(Cdcpb.Event.Row row) throws MatchException {
    switch (row.getType()) {
      case PREWRITE -> {
        requireValidTs(row);
        prewrites.put(row, initialized ? Phase.LIVE : Phase.SCANNING);
      }
      case COMMIT -> onCommit(row);
      case ROLLBACK -> onRollback(row);
      case COMMITTED -> onCommitted(row);
      case INITIALIZED -> onInitialized();
      default -> throw violation("unknown event type " + row.getType() + " for key " + key(row));
    }
  }

  /**
   * Records the region's resolved ts. Ignored before INITIALIZED (as TiCDC does: the scan is not
   * complete) and when it goes backwards.
   *
   * @return the new resolved ts when it advanced
   */
  public OptionalLong onResolvedTs(long ts) {
    if (!initialized || ts <= resolvedTs) {
      return OptionalLong.empty();
    }
    resolvedTs = ts;
    prewrites.forgetEvictedBefore(ts);
    return OptionalLong.of(ts);
  }

  public boolean isInitialized() {
    return initialized;
  }

  public long resolvedTs() {
    return resolvedTs;
  }

  public long regionId() {
    return regionId;
  }

  public MatcherStats stats() {
    return new MatcherStats(
        prewrites.heldCount(),
        prewrites.heldBytes(),
        prewrites.evictedTxnCount(),
        prewrites.markerCount(),
        cachedCommits.size(),
        cachedRollbacks.size(),
        snapshotReads,
        droppedCommits);
  }

  /** Releases everything charged to the quota. Idempotent. */
  @Override
  public void close() {
    evicted.clear();
    prewrites.releaseAll();
    cachedCommits.clear();
    cachedRollbacks.clear();
    config.quota().release(cachedBytes);
    cachedBytes = 0;
  }

  private void onCommit(Cdcpb.Event.Row row) throws MatchException {
    requireValidTs(row);
    MatchKey key = MatchKey.of(row);
    Match match = prewrites.take(key, initialized ? Phase.LIVE : Phase.SCANNING);
    switch (match.outcome()) {
      case HELD -> emitCommit(row, match.prewrite());
      case EVICTED -> emitEvicted(row);
      case NONE -> {
        if (initialized) {
          throw violation(
              "COMMIT without PREWRITE for key "
                  + key(row)
                  + " startTs="
                  + row.getStartTs()
                  + " commitTs="
                  + row.getCommitTs());
        }
        cache(cachedCommits, row);
      }
    }
  }

  private void onRollback(Cdcpb.Event.Row row) throws MatchException {
    requireValidTs(row);
    if (initialized) {
      prewrites.rollback(MatchKey.of(row));
    } else {
      cache(cachedRollbacks, row);
    }
  }

  private void onCommitted(Cdcpb.Event.Row row) throws MatchException {
    requireValidTs(row);
    requireAboveResolved(row, "COMMITTED");
    emitEvictedHeld();
    sink.accept(
        event(
            opOf(row, null), Bytes.of(row.getValue()), Bytes.of(row.getOldValue()), row, key(row)));
  }

  private void onInitialized() throws MatchException {
    if (initialized) {
      LOG.warn("region {} sent INITIALIZED twice; ignoring the second", regionId);
      return;
    }
    initialized = true;
    for (Cdcpb.Event.Row commit : cachedCommits) {
      Match match = prewrites.take(MatchKey.of(commit), Phase.AT_INITIALIZED);
      switch (match.outcome()) {
        case HELD -> emitCommit(commit, match.prewrite());
        case EVICTED -> emitEvicted(commit);
        case NONE -> {
          droppedCommits++;
          LOG.info(
              "region {}: dropping early commit of key {} startTs={}: the scan delivered it",
              regionId,
              key(commit),
              commit.getStartTs());
        }
      }
    }
    for (Cdcpb.Event.Row rollback : cachedRollbacks) {
      prewrites.rollback(MatchKey.of(rollback));
    }
    cachedCommits.clear();
    cachedRollbacks.clear();
    config.quota().release(cachedBytes);
    cachedBytes = 0;
    prewrites.dropMarkers();
  }

  private void emitCommit(Cdcpb.Event.Row commit, Cdcpb.Event.Row prewrite) throws MatchException {
    if (isStale(commit)) {
      return;
    }
    requireAboveResolved(commit, "COMMIT");
    emitEvictedHeld();
    Bytes key = key(commit);
    sink.accept(
        event(
            opOf(commit, prewrite),
            Bytes.of(prewrite.getValue()),
            Bytes.of(prewrite.getOldValue()),
            commit,
            key));
  }

  /** Holds an evicted commit for a batched read; outside {@link #onEntries} reads it at once. */
  private void emitEvicted(Cdcpb.Event.Row commit) throws MatchException {
    if (isStale(commit)) {
      return;
    }
    requireAboveResolved(commit, "COMMIT");
    if (!evicted.accepts(commit)) {
      emitEvictedHeld();
    }
    evicted.add(commit);
    if (!inEntries) {
      emitEvictedHeld();
    }
  }

  /** Emits the held evicted commits; called before anything else is emitted, to keep order. */
  private void emitEvictedHeld() throws MatchException {
    snapshotReads += evicted.emit(sink);
  }

  private RawKvEvent event(
      OpType op, Bytes value, Bytes oldValue, Cdcpb.Event.Row commit, Bytes key) {
    return new RawKvEvent(
        op, key, value, oldValue, commit.getStartTs(), commit.getCommitTs(), regionId);
  }

  private boolean isStale(Cdcpb.Event.Row commit) {
    return commit.getCommitTs() <= checkpointTs;
  }

  private void requireAboveResolved(Cdcpb.Event.Row row, String what) throws MatchException {
    if (row.getCommitTs() <= resolvedTs) {
      throw violation(
          what
              + " of key "
              + key(row)
              + " has commitTs="
              + row.getCommitTs()
              + " at or below the region's resolved ts "
              + resolvedTs);
    }
  }

  private void requireValidTs(Cdcpb.Event.Row row) throws MatchException {
    if (row.getStartTs() < 0 || row.getCommitTs() < 0) {
      throw violation("timestamps beyond 63 bits for key " + key(row));
    }
    boolean committed =
        row.getType() == Cdcpb.Event.LogType.COMMIT
            || row.getType() == Cdcpb.Event.LogType.COMMITTED;
    if (committed && row.getCommitTs() <= row.getStartTs()) {
      throw violation(
          row.getType()
              + " of key "
              + key(row)
              + " has commitTs="
              + row.getCommitTs()
              + " not after startTs="
              + row.getStartTs());
    }
  }

  /** The commit's op when TiKV set it, else the prewrite's. */
  private OpType opOf(Cdcpb.Event.Row row, Cdcpb.Event.Row prewrite) throws MatchException {
    OpType op = toOp(row.getOpType());
    if (op == null && prewrite != null) {
      op = toOp(prewrite.getOpType());
    }
    if (op == null) {
      throw violation("unknown op type " + row.getOpType() + " for key " + key(row));
    }
    return op;
  }

  static OpType toOp(Cdcpb.Event.Row.OpType op) {
    return switch (op) {
      case PUT -> OpType.PUT;
      case DELETE -> OpType.DELETE;
      default -> null;
    };
  }

  private void cache(List<Cdcpb.Event.Row> cache, Cdcpb.Event.Row row) {
    long size = CACHED_ROW_OVERHEAD_BYTES + row.getKey().size();
    // Early commits and rollbacks are needed for correctness and carry no value: always admit.
    config.quota().forceAcquire(size);
    cachedBytes += size;
    cache.add(row);
  }

  private MatchException violation(String message) {
    return new MatchException(regionId, Reason.PROTOCOL_VIOLATION, message);
  }

  private static Bytes key(Cdcpb.Event.Row row) {
    return Bytes.of(row.getKey());
  }
}
