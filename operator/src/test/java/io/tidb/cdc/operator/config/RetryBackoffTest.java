package io.tidb.cdc.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  private final RetryBackoff backoff =
      new RetryBackoff(Duration.ofSeconds(3), Duration.ofMinutes(1));

  @Test
  void doublesUpToTheMaximum() {
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(6));
    assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(48));
    assertThat(backoff.delay(6)).isEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.delay(10_000)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void countsPerKeyAndStartsOverAfterASuccess() {
    assertThat(backoff.failed("a")).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.failed("a")).isEqualTo(Duration.ofSeconds(6));
    assertThat(backoff.failed("b")).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.failures("a")).isEqualTo(2);
    backoff.reset("a");
    assertThat(backoff.failed("a")).isEqualTo(Duration.ofSeconds(3));
  }
}
