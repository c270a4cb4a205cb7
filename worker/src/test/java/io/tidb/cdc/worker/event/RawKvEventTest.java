package io.tidb.cdc.worker.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawKvEventTest {
  private static RawKvEvent ev(long startTs, long commitTs, String keyHex) {
    return new RawKvEvent(
        OpType.PUT, Bytes.fromHex(keyHex), Bytes.fromHex("aa"), Bytes.EMPTY, startTs, commitTs, 1);
  }

  @Test
  void ordersByCommitTsThenStartTsThenKey() {
    List<RawKvEvent> events =
        new ArrayList<>(
            List.of(ev(5, 20, "02"), ev(5, 20, "01"), ev(4, 20, "ff"), ev(9, 10, "ff")));
    events.sort(RawKvEvent.ORDER);
    assertThat(events)
        .containsExactly(ev(9, 10, "ff"), ev(4, 20, "ff"), ev(5, 20, "01"), ev(5, 20, "02"));
  }

  @Test
  void equalityComparesByteContent() {
    assertThat(ev(1, 2, "0a")).isEqualTo(ev(1, 2, "0a")).hasSameHashCodeAs(ev(1, 2, "0a"));
    assertThat(ev(1, 2, "0a")).isNotEqualTo(ev(1, 2, "0b"));
  }

  @Test
  void rejectsCommitBeforeStartAndNegativeTs() {
    assertThatThrownBy(() -> ev(10, 9, "01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commitTs 9 is before startTs 10");
    assertThatThrownBy(() -> ev(-1, 9, "01")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void estimatesSizeFromPayloads() {
    RawKvEvent e =
        new RawKvEvent(
            OpType.PUT,
            Bytes.copyOf(new byte[10]),
            Bytes.copyOf(new byte[100]),
            Bytes.copyOf(new byte[1000]),
            1,
            2,
            3);
    assertThat(e.estimatedSize()).isEqualTo(RawKvEvent.FIXED_OVERHEAD_BYTES + 1110L);
  }
}
