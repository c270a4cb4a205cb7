package io.tidb.cdc.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.worker.schema.TableDef;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PurePipelineFunctionsTest {
  @Test
  void quotasAreCappedToTheirShareOfTheHeap() {
    long gib = 1L << 30;
    assertThat(HeapBudget.cap(gib, 512L << 20, HeapBudget.SORTER_SHARE)).isEqualTo(128L << 20);
    assertThat(HeapBudget.cap(gib, 8 * gib, HeapBudget.SORTER_SHARE)).isEqualTo(gib);
    assertThat(HeapBudget.cap(gib, 32L << 20, HeapBudget.SORTER_SHARE))
        .isEqualTo(HeapBudget.FLOOR_BYTES);
    assertThat(HeapBudget.cap(gib, Long.MAX_VALUE, HeapBudget.SORTER_SHARE)).isEqualTo(gib);
  }

  @Test
  void tsoPhysicalTimeAndLag() {
    long ts = Tso.ofMillis(1_700_000_000_000L) + 5;
    assertThat(Tso.physicalMillis(ts)).isEqualTo(1_700_000_000_000L);
    assertThat(Tso.lagSeconds(ts, 1_700_000_001_500L)).isEqualTo(1.5);
    assertThat(Tso.lagSeconds(ts, 1_699_999_999_000L)).isZero();
    assertThat(Tso.lagSeconds(0, 1_700_000_001_500L)).isZero();
    assertThat(Tso.toInstant(ts).toString()).isEqualTo("2023-11-14T22:13:20Z");
  }

  @Test
  void tableSetDiffStopsDroppedAndStartsNewTables() {
    Map<Long, TableDef> desired = new TreeMap<>(); // the diff only looks at the ids
    desired.put(2L, null);
    desired.put(3L, null);
    desired.put(4L, null);
    TableSet.Diff d = TableSet.diff(Set.of(1L, 2L, 3L), desired);
    assertThat(d.removed()).containsExactly(1L);
    assertThat(d.added()).containsOnlyKeys(4L);
  }
}
