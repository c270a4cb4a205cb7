package io.tidb.cdc.worker.sorter.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.sorter.RecordingSink;
import io.tidb.cdc.worker.sorter.SortedEventSink;
import io.tidb.cdc.worker.sorter.Sorter;
import io.tidb.cdc.worker.sorter.SorterContractTest;
import io.tidb.cdc.worker.sorter.SorterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract with a quota small enough that every test spills, plus spill specifics. */
class SpillingSorterTest extends SorterContractTest {
  @TempDir Path dir;
  private final List<MemoryQuota> quotas = new ArrayList<>();

  @Override
  protected Sorter newSorter(long startTs, SortedEventSink sink) {
    MemoryQuota quota = new MemoryQuota("test", 8 * 1024);
    quotas.add(quota);
    return new SpillingSorter(new SpillConfig(dir, quota, 4, 0), startTs, sink);
  }

  @AfterEach
  void everythingIsGivenBack() throws IOException {
    for (MemoryQuota q : quotas) {
      assertThat(q.used()).as("quota after close").isZero();
    }
    assertThat(files()).as("run files after close").isEmpty();
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void spillsBeyondTheQuotaAndMergesOnRelease() throws Exception {
    MemoryQuota quota = new MemoryQuota("cf", 64 * 1024);
    quotas.add(quota);
    RecordingSink sink = new RecordingSink();
    List<RawKvEvent> added = new ArrayList<>();
    try (SpillingSorter s = new SpillingSorter(new SpillConfig(dir, quota, 4, 0), 0, sink)) {
      for (int i = 0; i < 5000; i++) {
        // Five interleaved transactions with descending keys: every run holds all of them.
        RawKvEvent e = event(10 + i % 5, 100 + i % 5, String.format("%06x", 5000 - i), 100);
        s.add(e);
        added.add(e);
        assertThat(quota.used()).isLessThanOrEqualTo(quota.limit());
      }
      SpillStats stats = s.stats();
      assertThat(stats.spilledEvents()).isPositive();
      assertThat(stats.runs()).isBetween(1, 4);
      assertThat(stats.runsWritten()).isGreaterThan(4); // compaction happened
      assertThat(files()).hasSize(stats.runs());
      assertThat(stats.eventsOnDisk() + stats.bufferedEvents()).isEqualTo(5000);

      s.resolve(102);
      added.sort(RawKvEvent.ORDER);
      assertThat(sink.events).containsExactlyElementsOf(added.subList(0, 3000));
      s.resolve(104);
      assertThat(sink.events).containsExactlyElementsOf(added);
      assertThat(files()).as("exhausted runs are deleted at once").isEmpty();
      assertThat(quota.used()).isZero();
    }
  }

  @Test
  void closeDeletesRunsAndReleasesTheQuota() throws Exception {
    MemoryQuota quota = new MemoryQuota("cf", 16 * 1024);
    quotas.add(quota);
    SpillingSorter s =
        new SpillingSorter(new SpillConfig(dir, quota, 8, 0), 0, new RecordingSink());
    for (int i = 0; i < 2000; i++) {
      s.add(event(1, 2 + i, String.format("%04x", i), 50));
    }
    s.resolve(500);
    assertThat(files()).isNotEmpty();
    assertThat(quota.used()).isPositive();
    s.close();
  }

  @Test
  void sortersSharingAChangefeedQuotaStayNearIt() throws Exception {
    MemoryQuota quota = new MemoryQuota("cf", 32 * 1024);
    quotas.add(quota);
    SpillConfig config = new SpillConfig(dir, quota, 4, 4 * 1024);
    RecordingSink a = new RecordingSink();
    RecordingSink b = new RecordingSink();
    try (SpillingSorter sa = new SpillingSorter(config, 0, a);
        SpillingSorter sb = new SpillingSorter(config, 0, b)) {
      for (int i = 0; i < 3000; i++) {
        sa.add(event(1, 2 + i % 7, String.format("%04x", i), 64));
        sb.add(event(1, 2 + i % 5, String.format("%04x", i), 64));
        // Each sorter may overshoot by less than its minimum run.
        assertThat(quota.used()).isLessThanOrEqualTo(quota.limit() + 2 * 4 * 1024);
      }
      sa.resolve(100);
      sb.resolve(100);
      assertThat(a.events).hasSize(3000).isSortedAccordingTo(RawKvEvent.ORDER);
      assertThat(b.events).hasSize(3000).isSortedAccordingTo(RawKvEvent.ORDER);
    }
  }

  @Test
  void anEmptyBufferNeverSpillsWhenOthersHoldTheQuota() throws Exception {
    MemoryQuota quota = new MemoryQuota("cf", 4 * 1024);
    quotas.add(quota);
    quota.forceAcquire(4 * 1024); // another sorter of the changefeed holds it all
    try (SpillingSorter s =
        new SpillingSorter(new SpillConfig(dir, quota, 4, 0), 0, new RecordingSink())) {
      s.add(event(1, 2, "01", 10));
      assertThat(s.stats().runsWritten()).isZero();
      assertThat(files()).isEmpty();
      s.add(event(1, 2, "02", 10));
      assertThat(s.stats().runsWritten()).isEqualTo(1);
      assertThat(s.stats().spilledEvents()).isEqualTo(1);
    }
    quota.release(4 * 1024);
  }

  @Test
  void spillFailureIsReportedWithTheDirectory() throws Exception {
    Path gone = dir.resolve("gone");
    MemoryQuota quota = new MemoryQuota("cf", 4 * 1024);
    quotas.add(quota);
    try (SpillingSorter s =
        new SpillingSorter(new SpillConfig(gone, quota, 4, 0), 0, new RecordingSink())) {
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  s.add(event(1, 2, String.format("%04x", i), 100));
                }
              })
          .isInstanceOf(SorterException.class)
          .hasMessageContaining("spilling to " + gone);
    }
  }

  @Test
  void startsNoThreads() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    MemoryQuota quota = new MemoryQuota("cf", 8 * 1024);
    quotas.add(quota);
    try (SpillingSorter s =
        new SpillingSorter(new SpillConfig(dir, quota, 4, 0), 0, new RecordingSink())) {
      for (int i = 0; i < 500; i++) {
        s.add(event(1, 2, String.format("%04x", i), 100));
      }
      s.resolve(2);
    }
    Set<Thread> after = new HashSet<>(Thread.getAllStackTraces().keySet());
    after.removeAll(before);
    assertThat(after).isEmpty();
  }

  @Test
  void defaultsAreOneGibPerChangefeed() {
    assertThat(SpillConfig.defaultQuota("cf-1").limit()).isEqualTo(1L << 30);
    assertThat(SpillConfig.of(dir, SpillConfig.defaultQuota("x")).maxRuns())
        .isEqualTo(SpillConfig.DEFAULT_MAX_RUNS);
    assertThatThrownBy(() -> new SpillConfig(dir, new MemoryQuota("q", 1), 1, 0))
        .hasMessageContaining("maxRuns");
  }
}
