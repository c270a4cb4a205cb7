package io.tidb.cdc.worker.sorter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link Sorter} must do; subclasses supply the implementation. */
public abstract class SorterContractTest {
  protected abstract Sorter newSorter(long startTs, SortedEventSink sink);

  public static RawKvEvent event(long startTs, long commitTs, String keyHex, int valueBytes) {
    return new RawKvEvent(
        OpType.PUT,
        Bytes.fromHex(keyHex),
        Bytes.copyOf(new byte[valueBytes]),
        Bytes.EMPTY,
        startTs,
        commitTs,
        1);
  }

  @Test
  void releasesInCommitTsStartTsKeyOrderUpToTheResolvedTs() throws SorterException {
    RecordingSink sink = new RecordingSink();
    try (Sorter s = newSorter(100, sink)) {
      s.add(event(105, 130, "02", 1));
      s.add(event(101, 120, "09", 1));
      s.add(event(105, 130, "01", 1));
      s.add(event(103, 130, "ff", 1));
      s.add(event(110, 150, "00", 1));
      s.resolve(130);
      assertThat(sink.events)
          .containsExactly(
              event(101, 120, "09", 1),
              event(103, 130, "ff", 1),
              event(105, 130, "01", 1),
              event(105, 130, "02", 1));
      assertThat(sink.resolved).containsExactly(130L);
      assertThat(s.resolvedTs()).isEqualTo(130);
      s.resolve(200);
      assertThat(sink.events).hasSize(5).last().isEqualTo(event(110, 150, "00", 1));
      assertThat(sink.resolved).containsExactly(130L, 200L);
    }
  }

  @Test
  void resolveAtOrBelowTheCurrentTsDoesNothing() throws SorterException {
    RecordingSink sink = new RecordingSink();
    try (Sorter s = newSorter(100, sink)) {
      s.add(event(101, 120, "01", 1));
      s.resolve(100);
      s.resolve(90);
      assertThat(sink.events).isEmpty();
      assertThat(sink.resolved).isEmpty();
      assertThat(s.resolvedTs()).isEqualTo(100);
    }
  }

  @Test
  void rejectsAnEventAtOrBelowTheReleasedTs() throws SorterException {
    RecordingSink sink = new RecordingSink();
    try (Sorter s = newSorter(100, sink)) {
      s.resolve(150);
      assertThatThrownBy(() -> s.add(event(120, 150, "0a", 1)))
          .isInstanceOf(SorterException.class)
          .hasMessageContaining("commitTs=150")
          .hasMessageContaining("resolved ts 150")
          .hasMessageContaining("0a");
      assertThatThrownBy(() -> s.add(event(10, 100, "0a", 1))).isInstanceOf(SorterException.class);
      s.add(event(120, 151, "0a", 1));
    }
  }

  @Test
  void closedSorterRefusesWork() {
    Sorter s = newSorter(100, new RecordingSink());
    s.close();
    s.close();
    assertThatThrownBy(() -> s.add(event(101, 120, "01", 1))).hasMessageContaining("closed");
    assertThatThrownBy(() -> s.resolve(200)).hasMessageContaining("closed");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomWorkloadMatchesASortedListModel(long seed) throws SorterException {
    Random rnd = new Random(seed);
    RecordingSink sink = new RecordingSink();
    List<RawKvEvent> pending = new ArrayList<>();
    List<RawKvEvent> expected = new ArrayList<>();
    long resolved = 1000;
    try (Sorter s = newSorter(resolved, sink)) {
      for (int step = 0; step < 4000; step++) {
        if (rnd.nextInt(20) == 0) {
          resolved += rnd.nextInt(40);
          s.resolve(resolved);
          final long r = resolved;
          List<RawKvEvent> ready =
              new ArrayList<>(pending.stream().filter(e -> e.commitTs() <= r).toList());
          ready.sort(RawKvEvent.ORDER);
          expected.addAll(ready);
          pending.removeAll(ready);
          assertThat(sink.events).containsExactlyElementsOf(expected);
        } else {
          long commitTs = resolved + 1 + rnd.nextInt(60);
          long startTs = commitTs - 1 - rnd.nextInt(30);
          String key = String.format("%02x%04x", rnd.nextInt(8), step);
          RawKvEvent e = event(startTs, commitTs, key, rnd.nextInt(200));
          s.add(e);
          pending.add(e);
        }
      }
      s.resolve(Long.MAX_VALUE);
      pending.sort(RawKvEvent.ORDER);
      expected.addAll(pending);
      assertThat(sink.events).containsExactlyElementsOf(expected);
    }
  }
}
