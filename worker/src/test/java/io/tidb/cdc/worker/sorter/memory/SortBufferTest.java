package io.tidb.cdc.worker.sorter.memory;

import static io.tidb.cdc.worker.sorter.SorterContractTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.worker.event.RawKvEvent;
import org.junit.jupiter.api.Test;

class SortBufferTest {
  @Test
  void drainsInOrderAndTracksBytes() {
    SortBuffer b = new SortBuffer();
    RawKvEvent late = event(5, 30, "01", 10);
    RawKvEvent first = event(5, 20, "02", 10);
    RawKvEvent second = event(6, 20, "01", 10);
    b.add(late);
    b.add(second);
    b.add(first);
    assertThat(b.count()).isEqualTo(3);
    assertThat(b.bytes())
        .isEqualTo(late.estimatedSize() + first.estimatedSize() + second.estimatedSize());
    SortBuffer.Drained d = b.drainUpTo(25);
    assertThat(d.events()).containsExactly(first, second);
    assertThat(d.bytes()).isEqualTo(first.estimatedSize() + second.estimatedSize());
    assertThat(b.bytes()).isEqualTo(late.estimatedSize());
    assertThat(b.clear()).isEqualTo(late.estimatedSize());
    assertThat(b.isEmpty()).isTrue();
  }
}
