package io.tidb.cdc.worker.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.worker.config.ObjectMeta;
import io.tidb.cdc.worker.config.TiCdcCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureConfigTest {
  private static CaptureConfig defaults() {
    TiCdcCluster cluster =
        new TiCdcCluster(
            "cdc.tidb.io/v1alpha1",
            "TiCDCCluster",
            new ObjectMeta("c", null, Map.of(), Map.of()),
            null,
            null);
    return CaptureConfig.defaults(
        "c1", "default", cluster, List.of("127.0.0.1:2379"), Path.of("d"));
  }

  @Test
  void theReportIntervalDefaultsToOneSecondAndSetsTheRunnerTick() {
    CaptureConfig c = defaults();
    assertThat(c.reportInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.runnerTick()).isEqualTo(Duration.ofMillis(100));
    CaptureConfig fast = c.withReportInterval(Duration.ofMillis(200));
    assertThat(fast.reportInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(fast.runnerTick()).isEqualTo(Duration.ofMillis(50));
    assertThat(fast.withLeaseTtl(Duration.ofSeconds(5)).reportInterval())
        .isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aReportIntervalThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> defaults().withReportInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the report interval must be positive, got PT0S");
  }
}
