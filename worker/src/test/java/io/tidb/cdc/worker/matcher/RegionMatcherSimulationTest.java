package io.tidb.cdc.worker.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.memory.MemoryQuota;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Random histories against the MVCC model: every change above the checkpoint, exactly once. */
class RegionMatcherSimulationTest {
  static Stream<Arguments> cases() {
    return LongStream.range(1, 41)
        .boxed()
        .flatMap(
            seed ->
                Stream.of(
                    Arguments.of(seed, 1L << 20), // everything fits
                    Arguments.of(seed, 2048L))); // a few rows fit: constant eviction
  }

  @ParameterizedTest(name = "seed {0}, quota {1}")
  @MethodSource("cases")
  void deliversEveryCommittedChangeExactlyOnce(long seed, long quotaBytes) throws Exception {
    RegionSimulation sim = new RegionSimulation(seed);
    List<RegionSimulation.Item> stream = sim.run(80, 60, 200);
    MemoryQuota quota = new MemoryQuota("matcher", quotaBytes);
    AtomicLong reads = new AtomicLong();
    SnapshotReader reader = sim.reader();
    List<RawKvEvent> out = new ArrayList<>();
    RegionMatcher m =
        new RegionMatcher(
            new MatcherConfig(
                quota,
                (k, ts) -> {
                  reads.incrementAndGet();
                  return reader.read(k, ts);
                },
                OldValueMode.WITH_OLD_VALUE),
            RegionSimulation.REGION_ID,
            sim.checkpointTs(),
            out::add);
    long maxResolved = sim.checkpointTs();
    for (RegionSimulation.Item item : stream) {
      if (item.row() != null) {
        m.onRow(item.row());
      } else if (m.onResolvedTs(item.resolvedTs()).isPresent()) {
        maxResolved = item.resolvedTs();
      }
      assertThat(m.stats().heldBytes()).isLessThanOrEqualTo(quotaBytes);
    }
    assertThat(m.isInitialized()).isTrue();
    assertThat(m.resolvedTs()).isEqualTo(maxResolved);

    List<RawKvEvent> expected = new ArrayList<>(sim.expected());
    expected.sort(RawKvEvent.ORDER);
    out.sort(RawKvEvent.ORDER);
    assertThat(out).containsExactlyElementsOf(expected);
    MatcherStats stats = m.stats();
    if (quotaBytes > 100_000) {
      assertThat(reads).hasValue(0);
      assertThat(stats.heldPrewrites()).isEqualTo(sim.openPrewrites());
    } else {
      assertThat(reads).as("evicted rows are read").hasPositiveValue();
      assertThat(stats.heldPrewrites()).isLessThanOrEqualTo(sim.openPrewrites());
    }
    assertThat(stats.cachedCommits()).isZero();
    assertThat(stats.markers()).isZero();
    m.close();
    assertThat(quota.used()).isZero();
  }
}
