package io.tidb.cdc.worker.puller.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofSeconds(2));

  @Test
  void ceilingDoublesUpToTheMax() {
    assertThat(backoff.ceilingMillis(0)).isEqualTo(20);
    assertThat(backoff.ceilingMillis(1)).isEqualTo(40);
    assertThat(backoff.ceilingMillis(6)).isEqualTo(1280);
    assertThat(backoff.ceilingMillis(7)).isEqualTo(2000);
    assertThat(backoff.ceilingMillis(63)).isEqualTo(2000);
    assertThat(backoff.ceilingMillis(Integer.MAX_VALUE)).isEqualTo(2000);
  }

  @Test
  void delaysAreJitteredBetweenHalfAndTheCeiling() {
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 2000; i++) {
      long d = backoff.delayMillis(3);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isGreaterThanOrEqualTo(80);
    assertThat(max).isLessThanOrEqualTo(160);
    assertThat(max - min).as("jitter spreads the delays").isGreaterThan(40);
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("base must be positive");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("below its base");
    assertThatThrownBy(() -> backoff.ceilingMillis(-1)).hasMessageContaining("attempt");
  }
}
