package io.tidb.cdc.worker.matcher;

import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.matcher.MatchException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Commits of an evicted transaction waiting for their values: consecutive commits of one
 * transaction are read back with one {@link SnapshotReader#readAll} per timestamp instead of one
 * point read per row. TiKV sends a transaction's commits in batches, so a 1,000,000-row transaction
 * costs about a thousand round trips instead of two million. Not thread-safe, like its matcher.
 */
final class EvictedCommits {
  private final MatcherConfig config;
  private final long regionId;
  private final List<Cdcpb.Event.Row> commits = new ArrayList<>();

  EvictedCommits(MatcherConfig config, long regionId) {
    this.config = config;
    this.regionId = regionId;
  }

  /** Whether {@code commit} can join the held ones: the same transaction, or none held. */
  boolean accepts(Cdcpb.Event.Row commit) {
    if (commits.isEmpty()) {
      return true;
    }
    Cdcpb.Event.Row first = commits.get(0);
    return first.getStartTs() == commit.getStartTs() && first.getCommitTs() == commit.getCommitTs();
  }

  void add(Cdcpb.Event.Row commit) {
    commits.add(commit);
  }

  boolean isEmpty() {
    return commits.isEmpty();
  }

  void clear() {
    commits.clear();
  }

  /**
   * Reads the held commits' values (at the commit ts) and old values (at the start ts, when asked
   * for), emits them in arrival order and forgets them.
   *
   * @return the keys read (a key read at both timestamps counts twice)
   */
  long emit(Consumer<? super RawKvEvent> sink) throws MatchException {
    if (commits.isEmpty()) {
      return 0;
    }
    long startTs = commits.get(0).getStartTs();
    long commitTs = commits.get(0).getCommitTs();
    List<Bytes> keys = new ArrayList<>(commits.size());
    List<Bytes> valueKeys = new ArrayList<>(commits.size());
    for (Cdcpb.Event.Row c : commits) {
      Bytes key = Bytes.of(c.getKey());
      keys.add(key);
      if (RegionMatcher.toOp(c.getOpType()) != OpType.DELETE) {
        valueKeys.add(key); // a known delete has no value to read
      }
    }
    boolean withOld = config.oldValueMode() == OldValueMode.WITH_OLD_VALUE;
    Map<Bytes, Bytes> values = readAll(valueKeys, commitTs);
    Map<Bytes, Bytes> oldValues = withOld ? readAll(keys, startTs) : Map.of();
    for (int i = 0; i < commits.size(); i++) {
      Bytes key = keys.get(i);
      OpType op = RegionMatcher.toOp(commits.get(i).getOpType());
      Bytes value = Bytes.EMPTY;
      if (op != OpType.DELETE) {
        Bytes read = values.get(key);
        if (op == null) {
          op = read != null ? OpType.PUT : OpType.DELETE;
        } else if (read == null) {
          throw new MatchException(
              regionId,
              Reason.SNAPSHOT_READ_FAILED,
              "snapshot read at commitTs="
                  + commitTs
                  + " found no value for the committed PUT of evicted key "
                  + key);
        }
        value = read == null ? Bytes.EMPTY : read;
      }
      Bytes oldValue = oldValues.getOrDefault(key, Bytes.EMPTY);
      sink.accept(new RawKvEvent(op, key, value, oldValue, startTs, commitTs, regionId));
    }
    commits.clear();
    return valueKeys.size() + (withOld ? keys.size() : 0);
  }

  private Map<Bytes, Bytes> readAll(List<Bytes> keys, long ts) throws MatchException {
    if (keys.isEmpty()) {
      return Map.of();
    }
    try {
      return config.snapshotReader().readAll(keys, ts);
    } catch (SnapshotReadException e) {
      throw new MatchException(
          regionId,
          Reason.SNAPSHOT_READ_FAILED,
          "snapshot read of "
              + keys.size()
              + " evicted keys (first "
              + keys.get(0)
              + ") at ts "
              + ts
              + " failed: "
              + e.getMessage(),
          e);
    }
  }
}
