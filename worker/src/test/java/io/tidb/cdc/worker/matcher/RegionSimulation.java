package io.tidb.cdc.worker.matcher;

import com.google.protobuf.ByteString;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.Cdcpb.Event.LogType;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small model of one TiKV region under Percolator: an MVCC store, transactions that prewrite,
 * heartbeat, commit or roll back, and the EventFeed stream a subscription at some checkpoint sees:
 * the incremental scan (COMMITTED above the checkpoint, PREWRITE for locks) interleaved with live
 * rows observed from the same snapshot on, then INITIALIZED, then live rows and resolved ts.
 */
final class RegionSimulation {
  /** One item of the stream: a row, or a resolved ts when {@code row} is null. */
  record Item(Cdcpb.Event.Row row, long resolvedTs) {}

  private record Mutation(OpType op, String value, String oldValue) {}

  private record Version(OpType op, String value) {}

  private static final class Txn {
    final long startTs;
    final Map<String, Mutation> mutations = new LinkedHashMap<>();

    Txn(long startTs) {
      this.startTs = startTs;
    }
  }

  static final long REGION_ID = 7;
  private static final int KEYS = 30;

  private final Random rnd;
  private final Map<String, TreeMap<Long, Version>> mvcc = new HashMap<>();
  private final Map<Long, Txn> active = new LinkedHashMap<>();
  private final Set<String> locked = new HashSet<>();
  private final List<RawKvEvent> expected = new ArrayList<>();
  private final Map<String, Long> startTsOf = new HashMap<>();
  private long clock = 1000;
  private long checkpointTs = -1;
  private List<Item> recording;

  RegionSimulation(long seed) {
    this.rnd = new Random(seed);
  }

  /** Runs the history and returns the stream the subscription sees. */
  List<Item> run(int stepsBefore, int stepsDuringScan, int stepsAfter) {
    for (int i = 0; i < stepsBefore; i++) {
      step();
    }
    checkpointTs = active.values().stream().mapToLong(t -> t.startTs).min().orElse(clock);
    checkpointTs = Math.min(checkpointTs, clock);
    for (Map.Entry<String, TreeMap<Long, Version>> e : mvcc.entrySet()) {
      for (Map.Entry<Long, Version> v : e.getValue().tailMap(checkpointTs, false).entrySet()) {
        expected.add(expectedFor(e.getKey(), v.getKey(), v.getValue()));
      }
    }
    List<Item> scan = snapshotScan();
    recording = new ArrayList<>();
    for (int i = 0; i < stepsDuringScan; i++) {
      step();
    }
    List<Item> during = recording;
    recording = new ArrayList<>();
    for (int i = 0; i < stepsAfter; i++) {
      step();
    }
    List<Item> stream = new ArrayList<>();
    int a = 0;
    int b = 0;
    while (a < scan.size() || b < during.size()) {
      boolean takeScan = b == during.size() || (a < scan.size() && rnd.nextBoolean());
      stream.add(takeScan ? scan.get(a++) : during.get(b++));
    }
    stream.add(new Item(Rows.initialized(), 0));
    stream.addAll(recording);
    return stream;
  }

  long checkpointTs() {
    return checkpointTs;
  }

  /** Every change committed above the checkpoint, once. */
  List<RawKvEvent> expected() {
    return expected;
  }

  /** Prewrites still waiting for a commit or rollback. */
  int openPrewrites() {
    return active.values().stream().mapToInt(t -> t.mutations.size()).sum();
  }

  /** Snapshot reads against the final MVCC state: valid for any ts already committed. */
  SnapshotReader reader() {
    return (key, ts) -> {
      Version v = versionAt(new String(key.toByteArray(), StandardCharsets.UTF_8), ts);
      return v == null || v.op == OpType.DELETE ? Optional.empty() : Optional.of(bytes(v.value));
    };
  }

  private void step() {
    int dice = rnd.nextInt(100);
    if (dice < 30 || active.isEmpty()) {
      startTxn();
    } else if (dice < 60) {
      commit(pick());
    } else if (dice < 70) {
      rollback(pick());
    } else if (dice < 80) {
      heartbeat(pick());
    } else {
      long rts = active.values().stream().mapToLong(t -> t.startTs).min().orElse(clock);
      emit(new Item(null, Math.min(rts, clock)));
    }
  }

  private void startTxn() {
    Txn txn = new Txn(++clock);
    int n = 1 + rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      String key = "k" + rnd.nextInt(KEYS);
      if (!locked.add(key)) {
        continue;
      }
      Version old = versionAt(key, txn.startTs);
      String oldValue = old == null || old.op == OpType.DELETE ? "" : old.value;
      Mutation m =
          rnd.nextInt(5) == 0
              ? new Mutation(OpType.DELETE, "", oldValue)
              : new Mutation(OpType.PUT, value(txn.startTs, key), oldValue);
      txn.mutations.put(key, m);
      emitRow(prewriteRow(txn.startTs, key, m));
    }
    if (txn.mutations.isEmpty()) {
      return;
    }
    active.put(txn.startTs, txn);
  }

  private void commit(Txn txn) {
    long commitTs = ++clock;
    List<String> keys = new ArrayList<>(txn.mutations.keySet());
    Collections.shuffle(keys, rnd);
    for (String key : keys) {
      Mutation m = txn.mutations.get(key);
      Version v = new Version(m.op, m.value);
      mvcc.computeIfAbsent(key, k -> new TreeMap<>()).put(commitTs, v);
      locked.remove(key);
      emitRow(
          Rows.commit(
              txn.startTs,
              commitTs,
              key,
              m.op == OpType.PUT ? Cdcpb.Event.Row.OpType.PUT : Cdcpb.Event.Row.OpType.DELETE));
      if (checkpointTs >= 0) {
        expected.add(
            new RawKvEvent(
                m.op,
                bytes(key),
                bytes(m.value),
                bytes(m.oldValue),
                txn.startTs,
                commitTs,
                REGION_ID));
      }
    }
    active.remove(txn.startTs);
  }

  private void rollback(Txn txn) {
    for (String key : txn.mutations.keySet()) {
      locked.remove(key);
      emitRow(Rows.rollback(txn.startTs, key));
    }
    active.remove(txn.startTs);
  }

  private void heartbeat(Txn txn) {
    String key = txn.mutations.keySet().iterator().next();
    emitRow(Rows.heartbeat(txn.startTs, key, txn.mutations.get(key).oldValue));
  }

  private List<Item> snapshotScan() {
    List<Item> scan = new ArrayList<>();
    for (String key : new TreeMap<>(mvcc).keySet()) {
      for (Map.Entry<Long, Version> v : mvcc.get(key).tailMap(checkpointTs, false).entrySet()) {
        RawKvEvent e = expectedFor(key, v.getKey(), v.getValue());
        scan.add(
            new Item(
                Cdcpb.Event.Row.newBuilder()
                    .setType(LogType.COMMITTED)
                    .setStartTs(e.startTs())
                    .setCommitTs(e.commitTs())
                    .setOpType(
                        e.op() == OpType.PUT
                            ? Cdcpb.Event.Row.OpType.PUT
                            : Cdcpb.Event.Row.OpType.DELETE)
                    .setKey(ByteString.copyFromUtf8(key))
                    .setValue(e.value().toByteString())
                    .setOldValue(e.oldValue().toByteString())
                    .build(),
                0));
      }
    }
    for (Txn txn : active.values()) {
      for (Map.Entry<String, Mutation> m : txn.mutations.entrySet()) {
        scan.add(new Item(prewriteRow(txn.startTs, m.getKey(), m.getValue()), 0));
      }
    }
    return scan;
  }

  /** The row committed at {@code commitTs}; start ts is recovered from the generator's clock. */
  private RawKvEvent expectedFor(String key, long commitTs, Version v) {
    long startTs = startTsOf.get(key + "@" + commitTs);
    Version old = versionAt(key, startTs);
    String oldValue = old == null || old.op == OpType.DELETE ? "" : old.value;
    return new RawKvEvent(
        v.op, bytes(key), bytes(v.value), bytes(oldValue), startTs, commitTs, REGION_ID);
  }

  private Cdcpb.Event.Row prewriteRow(long startTs, String key, Mutation m) {
    return m.op == OpType.PUT
        ? Rows.prewrite(startTs, key, m.value, m.oldValue)
        : Rows.prewriteDelete(startTs, key, m.oldValue);
  }

  private Version versionAt(String key, long ts) {
    TreeMap<Long, Version> versions = mvcc.get(key);
    if (versions == null) {
      return null;
    }
    Map.Entry<Long, Version> e = versions.floorEntry(ts);
    return e == null ? null : e.getValue();
  }

  private void emitRow(Cdcpb.Event.Row row) {
    if (row.getType() == LogType.COMMIT) {
      startTsOf.put(row.getKey().toStringUtf8() + "@" + row.getCommitTs(), row.getStartTs());
    }
    emit(new Item(row, 0));
  }

  private void emit(Item item) {
    if (recording != null) {
      recording.add(item);
    }
  }

  private Txn pick() {
    List<Txn> txns = new ArrayList<>(active.values());
    return txns.get(rnd.nextInt(txns.size()));
  }

  private String value(long startTs, String key) {
    // Sizes vary up to 400 bytes so that a small quota forces evictions.
    return key + "@" + startTs + "#" + "v".repeat(rnd.nextInt(400));
  }

  private static Bytes bytes(String s) {
    return Bytes.copyOf(s.getBytes(StandardCharsets.UTF_8));
  }
}
