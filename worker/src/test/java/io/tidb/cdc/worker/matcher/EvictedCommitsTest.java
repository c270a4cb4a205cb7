package io.tidb.cdc.worker.matcher;

import static io.tidb.cdc.worker.matcher.Rows.commit;
import static io.tidb.cdc.worker.matcher.Rows.committed;
import static io.tidb.cdc.worker.matcher.Rows.initialized;
import static io.tidb.cdc.worker.matcher.Rows.prewrite;
import static io.tidb.cdc.worker.matcher.Rows.prewriteDelete;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.memory.MemoryQuota;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Commits of an evicted transaction are read back in batches, and still emitted in order. */
class EvictedCommitsTest {
  private static final long REGION = 42;
  private static final long CHECKPOINT = 100;
  private static final String BIG = "x".repeat(300);

  private final List<RawKvEvent> out = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();

  /** Records each call: "one k@ts" for a point read, "all [k1, k2]@ts" for a batch. */
  private final SnapshotReader reader =
      new SnapshotReader() {
        @Override
        public Optional<Bytes> read(Bytes key, long ts) {
          calls.add("one " + str(key) + "@" + ts);
          return value(key, ts);
        }

        @Override
        public Map<Bytes, Bytes> readAll(List<Bytes> keys, long ts) {
          calls.add("all " + keys.stream().map(EvictedCommitsTest::str).toList() + "@" + ts);
          Map<Bytes, Bytes> m = new HashMap<>();
          keys.forEach(k -> value(k, ts).ifPresent(v -> m.put(k, v)));
          return m;
        }
      };

  /** k* keys exist at ts 120 as "new-k*" and at 110 as "old-k*"; d* keys have no value at 120. */
  private static Optional<Bytes> value(Bytes key, long ts) {
    String k = str(key);
    if (k.startsWith("d") && ts >= 120) {
      return Optional.empty();
    }
    return Optional.of(s((ts >= 120 ? "new-" : "old-") + k));
  }

  private RegionMatcher evictingMatcher() throws MatchException {
    RegionMatcher m =
        new RegionMatcher(
            new MatcherConfig(new MemoryQuota("small", 1000), reader, OldValueMode.WITH_OLD_VALUE),
            REGION,
            CHECKPOINT,
            out::add);
    feed(m, initialized(), prewrite(105, "held", "hv", "ho"));
    for (int i = 0; i < 4; i++) {
      feed(m, prewrite(110, "k" + i, BIG, ""));
    }
    feed(m, prewriteDelete(110, "d0", ""));
    assertThat(m.stats().evictedTxns()).isEqualTo(1);
    return m;
  }

  @Test
  void consecutiveCommitsOfOneEntriesEventAreReadWithOneCallPerTimestamp() throws MatchException {
    RegionMatcher m = evictingMatcher();
    feed(
        m,
        commit(110, 120, "k0"),
        commit(110, 120, "k1"),
        commit(110, 120, "d0", Cdcpb.Event.Row.OpType.DELETE),
        commit(110, 120, "k2"));
    assertThat(calls).containsExactly("all [k0, k1, k2]@120", "all [k0, k1, d0, k2]@110");
    assertThat(out)
        .extracting(EvictedCommitsTest::show)
        .containsExactly(
            "PUT k0=new-k0 old=old-k0",
            "PUT k1=new-k1 old=old-k1",
            "DELETE d0= old=old-d0",
            "PUT k2=new-k2 old=old-k2");
    assertThat(m.stats().snapshotReads()).isEqualTo(7);
  }

  @Test
  void otherEventsBetweenEvictedCommitsKeepTheirPlace() throws MatchException {
    RegionMatcher m = evictingMatcher();
    feed(
        m,
        commit(110, 130, "k0"),
        commit(105, 131, "held"),
        commit(110, 130, "k1"),
        committed(140, 150, "c", "cv", ""),
        commit(110, 130, "k2"));
    assertThat(out)
        .extracting(EvictedCommitsTest::show)
        .containsExactly(
            "PUT k0=new-k0 old=old-k0",
            "PUT held=hv old=ho",
            "PUT k1=new-k1 old=old-k1",
            "PUT c=cv old=",
            "PUT k2=new-k2 old=old-k2");
    assertThat(calls).hasSize(6).allMatch(c -> c.startsWith("all "));
  }

  @Test
  void singleRowsOutsideAnEntriesEventAreReadAtOnce() throws MatchException {
    RegionMatcher m = evictingMatcher();
    m.onRow(commit(110, 120, "k3"));
    assertThat(out)
        .extracting(EvictedCommitsTest::show)
        .containsExactly("PUT k3=new-k3 old=old-k3");
    m.onRow(commit(110, 120, "k0"));
    assertThat(out).hasSize(2);
    assertThat(calls)
        .containsExactly("all [k3]@120", "all [k3]@110", "all [k0]@120", "all [k0]@110");
  }

  private static void feed(RegionMatcher m, Cdcpb.Event.Row... rows) throws MatchException {
    m.onEntries(Cdcpb.Event.Entries.newBuilder().addAllEntries(List.of(rows)).build());
  }

  private static String show(RawKvEvent e) {
    return e.op() + " " + str(e.key()) + "=" + str(e.value()) + " old=" + str(e.oldValue());
  }

  private static Bytes s(String v) {
    return Bytes.copyOf(v.getBytes(StandardCharsets.UTF_8));
  }

  private static String str(Bytes b) {
    return new String(b.toByteArray(), StandardCharsets.UTF_8);
  }
}
