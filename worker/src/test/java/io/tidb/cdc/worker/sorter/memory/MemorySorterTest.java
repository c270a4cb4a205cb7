package io.tidb.cdc.worker.sorter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.worker.sorter.RecordingSink;
import io.tidb.cdc.worker.sorter.SortedEventSink;
import io.tidb.cdc.worker.sorter.Sorter;
import io.tidb.cdc.worker.sorter.SorterContractTest;
import io.tidb.cdc.worker.sorter.SorterException;
import org.junit.jupiter.api.Test;

class MemorySorterTest extends SorterContractTest {
  @Override
  protected Sorter newSorter(long startTs, SortedEventSink sink) {
    return new MemorySorter(startTs, sink);
  }

  @Test
  void countsWhatIsStillBuffered() throws SorterException {
    MemorySorter s = new MemorySorter(0, new RecordingSink());
    s.add(event(1, 5, "01", 1));
    s.add(event(1, 9, "01", 1));
    s.resolve(5);
    assertThat(s.buffered()).isEqualTo(1);
    s.close();
    assertThat(s.buffered()).isZero();
  }
}
