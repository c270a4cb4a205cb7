package io.tidb.cdc.worker.matcher;

import static io.tidb.cdc.worker.matcher.Rows.commit;
import static io.tidb.cdc.worker.matcher.Rows.committed;
import static io.tidb.cdc.worker.matcher.Rows.heartbeat;
import static io.tidb.cdc.worker.matcher.Rows.initialized;
import static io.tidb.cdc.worker.matcher.Rows.prewrite;
import static io.tidb.cdc.worker.matcher.Rows.prewriteDelete;
import static io.tidb.cdc.worker.matcher.Rows.rollback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.matcher.MatchException.Reason;
import io.tidb.cdc.worker.memory.MemoryQuota;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionMatcherTest {
  private static final long REGION = 42;
  private static final long CHECKPOINT = 100;

  private final MemoryQuota quota = new MemoryQuota("matcher", 1 << 20);
  private final List<RawKvEvent> out = new ArrayList<>();
  private SnapshotReader reader =
      (key, ts) -> {
        throw new AssertionError("no snapshot read expected, got " + key + "@" + ts);
      };

  private RegionMatcher matcher() {
    return new RegionMatcher(
        new MatcherConfig(quota, (k, ts) -> reader.read(k, ts), OldValueMode.WITH_OLD_VALUE),
        REGION,
        CHECKPOINT,
        out::add);
  }

  private static Bytes s(String v) {
    return Bytes.copyOf(v.getBytes(StandardCharsets.UTF_8));
  }

  private static RawKvEvent put(String key, String value, String old, long startTs, long commitTs) {
    return new RawKvEvent(OpType.PUT, s(key), s(value), s(old), startTs, commitTs, REGION);
  }

  private static void feed(RegionMatcher m, Cdcpb.Event.Row... rows) throws MatchException {
    m.onEntries(Cdcpb.Event.Entries.newBuilder().addAllEntries(List.of(rows)).build());
  }

  @Test
  void commitTakesValueAndOldValueFromItsPrewrite() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, initialized(), prewrite(110, "k1", "v1", "old1"));
    assertThat(out).isEmpty();
    assertThat(quota.used()).isPositive();
    feed(m, commit(110, 120, "k1"));
    assertThat(out).containsExactly(put("k1", "v1", "old1", 110, 120));
    assertThat(m.stats().heldPrewrites()).isZero();
    assertThat(quota.used()).isZero();
  }

  @Test
  void deleteCommitCarriesTheOldValue() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, initialized(), prewriteDelete(110, "k1", "old"));
    feed(m, commit(110, 120, "k1", Cdcpb.Event.Row.OpType.DELETE));
    assertThat(out)
        .containsExactly(
            new RawKvEvent(OpType.DELETE, s("k1"), Bytes.EMPTY, s("old"), 110, 120, REGION));
  }

  @Test
  void heartbeatPrewriteDoesNotOverwriteTheRealOne() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, initialized(), prewrite(110, "k1", "v1", "o"), heartbeat(110, "k1", "o"));
    feed(m, commit(110, 120, "k1"));
    assertThat(out).containsExactly(put("k1", "v1", "o", 110, 120));
  }

  @Test
  void earlyCommitWaitsForItsPrewriteUntilInitialized() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, commit(110, 120, "k1"));
    assertThat(out).isEmpty();
    assertThat(m.stats().cachedCommits()).isEqualTo(1);
    // The scan finds the lock and sends it as PREWRITE: matched at once.
    feed(m, prewrite(110, "k1", "v1", ""));
    assertThat(out).isEmpty();
    feed(m, initialized());
    assertThat(out).containsExactly(put("k1", "v1", "", 110, 120));
    assertThat(m.stats().cachedCommits()).isZero();
    assertThat(quota.used()).isZero();
  }

  @Test
  void earlyCommitMatchesAPrewriteThatArrivedBeforeIt() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, prewrite(110, "k1", "v1", ""), commit(110, 120, "k1"));
    assertThat(out).containsExactly(put("k1", "v1", "", 110, 120));
  }

  @Test
  void loneHeartbeatDoesNotMatchWhileScanningButDoesAtInitialized() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, heartbeat(110, "k1", ""), commit(110, 120, "k1"));
    assertThat(out).isEmpty();
    feed(m, prewrite(110, "k1", "v1", ""), initialized());
    assertThat(out).containsExactly(put("k1", "v1", "", 110, 120));
  }

  @Test
  void earlyCommitWithoutPrewriteIsDroppedAtInitializedBecauseTheScanSentIt()
      throws MatchException {
    RegionMatcher m = matcher();
    feed(m, commit(110, 120, "k1"), committed(110, 120, "k1", "v1", ""), initialized());
    assertThat(out).containsExactly(put("k1", "v1", "", 110, 120));
    assertThat(m.stats().droppedCommits()).isEqualTo(1);
    assertThat(quota.used()).isZero();
  }

  @Test
  void commitWithoutPrewriteAfterInitializedIsAProtocolViolation() {
    RegionMatcher m = matcher();
    assertThatThrownBy(() -> feed(m, initialized(), commit(110, 120, "k1")))
        .isInstanceOfSatisfying(
            MatchException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.PROTOCOL_VIOLATION);
              assertThat(e.regionId()).isEqualTo(REGION);
            })
        .hasMessageContaining("COMMIT without PREWRITE")
        .hasMessageContaining("startTs=110");
  }

  @Test
  void rollbackDropsThePrewrite() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, initialized(), prewrite(110, "k1", "v1", ""), rollback(110, "k1"));
    assertThat(m.stats().heldPrewrites()).isZero();
    assertThat(quota.used()).isZero();
    assertThatThrownBy(() -> feed(m, commit(110, 120, "k1"))).isInstanceOf(MatchException.class);
  }

  @Test
  void earlyRollbackIsAppliedAtInitializedAfterTheCachedCommits() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, rollback(110, "k1"), prewrite(110, "k1", "v1", ""), prewrite(111, "k2", "v2", ""));
    assertThat(m.stats().cachedRollbacks()).isEqualTo(1);
    assertThat(m.stats().heldPrewrites()).isEqualTo(2);
    feed(m, initialized());
    assertThat(m.stats().heldPrewrites()).isEqualTo(1);
    feed(m, commit(111, 130, "k2"));
    assertThat(out).containsExactly(put("k2", "v2", "", 111, 130));
    assertThat(quota.used()).isZero();
  }

  @Test
  void committedRowsPassStraightThrough() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, committed(101, 105, "k1", "v", "o"));
    assertThat(out).containsExactly(put("k1", "v", "o", 101, 105));
  }

  @Test
  void commitAtOrBelowResolvedTsIsAProtocolViolation() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, initialized(), prewrite(110, "k1", "v", ""));
    assertThat(m.onResolvedTs(110)).hasValue(110);
    assertThatThrownBy(() -> feed(m, committed(105, 110, "k2", "v", "")))
        .hasMessageContaining("COMMITTED")
        .hasMessageContaining("resolved ts 110");
    RegionMatcher m2 = matcher();
    feed(m2, initialized(), prewrite(110, "k1", "v", ""));
    m2.onResolvedTs(115);
    assertThatThrownBy(() -> feed(m2, commit(110, 115, "k1")))
        .isInstanceOfSatisfying(
            MatchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL_VIOLATION))
        .hasMessageContaining("commitTs=115");
  }

  @Test
  void staleCommitAtOrBelowCheckpointIsMatchedButNotEmitted() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, initialized(), prewrite(90, "k1", "v", ""), commit(90, CHECKPOINT, "k1"));
    assertThat(out).isEmpty();
    assertThat(m.stats().heldPrewrites()).isZero();
  }

  @Test
  void resolvedTsIsIgnoredBeforeInitializedAndNeverGoesBack() throws MatchException {
    RegionMatcher m = matcher();
    assertThat(m.onResolvedTs(150)).isEmpty();
    assertThat(m.resolvedTs()).isEqualTo(CHECKPOINT);
    feed(m, initialized());
    assertThat(m.onResolvedTs(150)).hasValue(150);
    assertThat(m.onResolvedTs(140)).isEmpty();
    assertThat(m.onResolvedTs(150)).isEmpty();
    assertThat(m.resolvedTs()).isEqualTo(150);
  }

  @Test
  void unknownRowTypeAndOpTypeAreProtocolViolations() throws MatchException {
    RegionMatcher m = matcher();
    Cdcpb.Event.Row unknown = Cdcpb.Event.Row.newBuilder().setKey(Rows.b("k")).build();
    assertThatThrownBy(() -> feed(m, unknown)).hasMessageContaining("unknown event type");
    RegionMatcher m2 = matcher();
    feed(m2, initialized());
    Cdcpb.Event.Row noOp = committed(101, 105, "k", "v", "").toBuilder().clearOpType().build();
    assertThatThrownBy(() -> feed(m2, noOp)).hasMessageContaining("unknown op type");
  }

  @Test
  void evictedTransactionIsServedBySnapshotReads() throws MatchException {
    MemoryQuota small = new MemoryQuota("small", 1000);
    List<String> reads = new ArrayList<>();
    reader =
        (key, ts) -> {
          reads.add(new String(key.toByteArray(), StandardCharsets.UTF_8) + "@" + ts);
          return Optional.of(s(ts == 120 ? "new-" + str(key) : "old-" + str(key)));
        };
    RegionMatcher m =
        new RegionMatcher(
            new MatcherConfig(small, (k, ts) -> reader.read(k, ts), OldValueMode.WITH_OLD_VALUE),
            REGION,
            CHECKPOINT,
            out::add);
    feed(m, initialized());
    String big = "x".repeat(300);
    for (int i = 0; i < 10; i++) {
      feed(m, prewrite(110, "k" + i, big, "o"));
      assertThat(m.stats().heldBytes()).isLessThanOrEqualTo(small.limit());
    }
    assertThat(m.stats().evictedTxns()).isEqualTo(1);
    assertThat(m.stats().heldPrewrites()).isZero();
    assertThat(small.used()).isZero();
    for (int i = 0; i < 10; i++) {
      feed(m, commit(110, 120, "k" + i));
    }
    assertThat(out).hasSize(10);
    assertThat(out.get(3)).isEqualTo(put("k3", "new-k3", "old-k3", 110, 120));
    assertThat(reads).contains("k3@120", "k3@110").hasSize(20);
    assertThat(m.stats().snapshotReads()).isEqualTo(20);
    m.onResolvedTs(125);
    assertThat(m.stats().evictedTxns()).isZero();
  }

  @Test
  void evictionHitsOnlyTheIncomingTransaction() throws MatchException {
    MemoryQuota small = new MemoryQuota("small", 1200);
    reader = (key, ts) -> Optional.of(s("read"));
    RegionMatcher m =
        new RegionMatcher(
            new MatcherConfig(small, reader, OldValueMode.WITHOUT_OLD_VALUE),
            REGION,
            CHECKPOINT,
            out::add);
    feed(m, initialized(), prewrite(105, "small", "sv", ""));
    String big = "x".repeat(300);
    for (int i = 0; i < 10; i++) {
      feed(m, prewrite(110, "k" + i, big, ""));
    }
    feed(m, commit(105, 130, "small"), commit(110, 131, "k1"));
    assertThat(out)
        .containsExactly(
            put("small", "sv", "", 105, 130),
            new RawKvEvent(OpType.PUT, s("k1"), s("read"), Bytes.EMPTY, 110, 131, REGION));
  }

  @Test
  void evictionBeforeInitializedKeepsMarkersToTellSeenFromScanned() throws MatchException {
    MemoryQuota small = new MemoryQuota("small", 800);
    reader = (key, ts) -> Optional.of(s("read-" + str(key)));
    RegionMatcher m =
        new RegionMatcher(
            new MatcherConfig(small, reader, OldValueMode.WITHOUT_OLD_VALUE),
            REGION,
            CHECKPOINT,
            out::add);
    String big = "x".repeat(300);
    // Live commits for k0..k3 arrive before the scan's prewrites; k9 was committed before the
    // scan and comes as COMMITTED, its live commit must not produce a second row.
    feed(m, commit(110, 120, "k0"), commit(110, 120, "k1"), commit(110, 120, "k9"));
    for (int i = 0; i < 4; i++) {
      feed(m, prewrite(110, "k" + i, big, ""));
    }
    feed(m, committed(110, 120, "k9", "v9", ""));
    assertThat(m.stats().evictedTxns()).isEqualTo(1);
    assertThat(m.stats().markers()).isEqualTo(4);
    feed(m, commit(110, 120, "k2"));
    feed(m, initialized());
    assertThat(m.stats().markers()).isZero();
    feed(m, commit(110, 120, "k3"));
    assertThat(out)
        .extracting(e -> str(e.key()) + "=" + str(e.value()))
        .containsExactlyInAnyOrder("k9=v9", "k0=read-k0", "k1=read-k1", "k2=read-k2", "k3=read-k3");
    assertThat(m.stats().droppedCommits()).isEqualTo(1);
    m.close();
    assertThat(small.used()).isZero();
  }

  @Test
  void failedSnapshotReadIsReportedWithTheKey() throws MatchException {
    MemoryQuota small = new MemoryQuota("small", 300);
    reader =
        (key, ts) -> {
          throw new SnapshotReadException("store 3 unreachable");
        };
    RegionMatcher m =
        new RegionMatcher(
            new MatcherConfig(small, reader, OldValueMode.WITHOUT_OLD_VALUE),
            REGION,
            CHECKPOINT,
            out::add);
    feed(m, initialized(), prewrite(110, "k1", "x".repeat(500), ""));
    assertThatThrownBy(() -> feed(m, commit(110, 120, "k1")))
        .isInstanceOfSatisfying(
            MatchException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SNAPSHOT_READ_FAILED))
        .hasMessageContaining("store 3 unreachable")
        .hasMessageContaining(s("k1").toString());
  }

  @Test
  void putWhoseSnapshotValueIsMissingIsAnError() throws MatchException {
    MemoryQuota small = new MemoryQuota("small", 300);
    reader = (key, ts) -> Optional.empty();
    RegionMatcher m =
        new RegionMatcher(
            new MatcherConfig(small, reader, OldValueMode.WITHOUT_OLD_VALUE),
            REGION,
            CHECKPOINT,
            out::add);
    feed(m, initialized(), prewrite(110, "k1", "x".repeat(500), ""));
    assertThatThrownBy(() -> feed(m, commit(110, 120, "k1")))
        .hasMessageContaining("found no value");
  }

  @Test
  void closeReleasesEverythingCharged() throws MatchException {
    RegionMatcher m = matcher();
    feed(m, prewrite(110, "a", "v", ""), commit(111, 130, "b"), rollback(112, "c"));
    assertThat(quota.used()).isPositive();
    m.close();
    assertThat(quota.used()).isZero();
    m.close();
    assertThat(quota.used()).isZero();
  }

  private static String str(Bytes b) {
    return new String(b.toByteArray(), StandardCharsets.UTF_8);
  }
}
