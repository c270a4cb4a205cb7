package io.tidb.cdc.worker.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.pipeline.Tso;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final long NOW = 1_700_000_000_000L; // 22:13:20 UTC

  @Test
  void showsCheckpointTimeLagRateTablesAndRows() {
    ChangefeedStatus s =
        new ChangefeedStatus(
            "default",
            "demo",
            Phase.NORMAL,
            Tso.ofMillis(NOW - 60_000),
            0,
            Tso.ofMillis(NOW - 800),
            Tso.ofMillis(NOW - 100),
            4,
            1_204_455,
            1_204_455,
            1_204_455,
            0,
            Optional.empty());
    assertThat(ProgressLine.render(s, NOW, 52_310.4, ZoneOffset.UTC))
        .isEqualTo(
            "demo  Normal  checkpoint 22:13:19.200 (lag 0.8 s)  52,310 rows/s  4 tables  1,204,455"
                + " rows");
  }

  @Test
  void showsProgressToTheTargetAndTheLastError() {
    long start = Tso.ofMillis(NOW - 10_000);
    ChangefeedStatus s =
        new ChangefeedStatus(
            "default",
            "demo",
            Phase.WARNING,
            start,
            Tso.ofMillis(NOW),
            Tso.ofMillis(NOW - 7_500),
            0,
            1,
            10,
            10,
            10,
            2,
            Optional.of("sink: disk full"));
    assertThat(ProgressLine.render(s, NOW, 0, ZoneOffset.UTC))
        .endsWith("1 table  10 rows  2 DDL  25% to target  last error: sink: disk full");
  }

  @Test
  void rateIsRowsPerSecondBetweenSamples() {
    assertThat(ProgressLine.rate(100, 1_000, 600, 1_500)).isEqualTo(1000.0);
    assertThat(ProgressLine.rate(100, 1_000, 600, 1_000)).isZero();
    assertThat(ProgressLine.rate(600, 1_000, 100, 2_000)).isZero();
  }

  @Test
  void aPendingChangefeedHasNoCheckpointYet() {
    assertThat(
            ProgressLine.render(ChangefeedStatus.pending("default", "x"), NOW, 0, ZoneOffset.UTC))
        .isEqualTo("x  Pending  0 rows/s  0 tables  0 rows");
  }
}
