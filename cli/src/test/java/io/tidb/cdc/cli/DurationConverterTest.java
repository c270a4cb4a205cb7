package io.tidb.cdc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsTheUnitsPeopleType() {
    assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(converter.convert("1s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(converter.convert(" 5m ")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void refusesWhatIsNotAPositiveDuration() {
    assertThatThrownBy(() -> converter.convert("1.5s"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'1.5s' is not a duration");
    assertThatThrownBy(() -> converter.convert("0s"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> converter.convert("10")).isInstanceOf(TypeConversionException.class);
  }
}
