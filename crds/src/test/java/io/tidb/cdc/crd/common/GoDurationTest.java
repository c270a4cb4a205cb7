package io.tidb.cdc.crd.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void parsesGoDurations() {
    assertThat(GoDuration.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(GoDuration.parse("3us")).isEqualTo(Duration.ofNanos(3_000));
    assertThat(GoDuration.parse("3µs")).isEqualTo(Duration.ofNanos(3_000));
    assertThat(GoDuration.parse("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void acceptsSecondsWhereAllowed() {
    assertThat(GoDuration.parseOrSeconds("86400")).isEqualTo(Duration.ofHours(24));
    assertThat(GoDuration.parseOrSeconds("24h")).isEqualTo(Duration.ofHours(24));
    assertThatThrownBy(() -> GoDuration.parse("86400"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"86400\"");
  }

  @Test
  void refusesOtherTextNamingIt() {
    for (String bad : new String[] {"5 m", "5", "m", "-5m", "5d", "5m3", "1e3s", ""}) {
      assertThatThrownBy(() -> GoDuration.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad.isEmpty() ? "empty" : "\"" + bad + "\"");
    }
    assertThatThrownBy(() -> GoDuration.parse(null)).hasMessageContaining("empty");
  }

  @Test
  void thePatternsAgreeWithTheParser() {
    for (String ok : new String[] {"5m", "1h30m", "1.5h", "250ms", "0", "3µs"}) {
      assertThat(ok).matches(GoDuration.PATTERN);
      assertThat(ok).matches(GoDuration.PATTERN_OR_SECONDS);
    }
    assertThat("86400").doesNotMatch(GoDuration.PATTERN).matches(GoDuration.PATTERN_OR_SECONDS);
    for (String bad : new String[] {"5 m", "-5m", "5d", "m", ""}) {
      assertThat(bad).doesNotMatch(GoDuration.PATTERN).doesNotMatch(GoDuration.PATTERN_OR_SECONDS);
    }
  }
}
