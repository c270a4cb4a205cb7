package io.tidb.cdc.worker.encoder.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Go's float text: expected values are what Go's strconv and encoding/json print. */
class GoNumbersTest {
  @Test
  void formatDoubleIsShortestWithoutExponent() {
    assertThat(GoNumbers.formatDouble(2.71)).isEqualTo("2.71");
    assertThat(GoNumbers.formatDouble(1.0)).isEqualTo("1");
    assertThat(GoNumbers.formatDouble(100)).isEqualTo("100");
    assertThat(GoNumbers.formatDouble(-1.5)).isEqualTo("-1.5");
    assertThat(GoNumbers.formatDouble(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(GoNumbers.formatDouble(1e21)).isEqualTo("1000000000000000000000");
    assertThat(GoNumbers.formatDouble(1e-7)).isEqualTo("0.0000001");
    assertThat(GoNumbers.formatDouble(Double.MAX_VALUE))
        .startsWith("17976931348623157")
        .hasSize(309);
    assertThat(GoNumbers.formatDouble(Double.MIN_VALUE))
        .startsWith("0.000")
        .endsWith("5")
        .hasSize(326);
  }

  /** Java 17's Double.toString prints one digit too many for these; Go does not. */
  @Test
  void formatDoubleFixesJava17NonShortestDigits() {
    assertThat(Double.toString(2.82879384806159E17)).isNotEqualTo("2.82879384806159E17");
    assertThat(GoNumbers.formatDouble(2.82879384806159E17)).isEqualTo("282879384806159000");
    assertThat(GoNumbers.formatDouble(1e23)).isEqualTo("100000000000000000000000");
    assertThat(GoNumbers.formatDouble(2e-3)).isEqualTo("0.002");
  }

  @Test
  void formatDoubleSpecialValues() {
    assertThat(GoNumbers.formatDouble(0.0)).isEqualTo("0");
    assertThat(GoNumbers.formatDouble(-0.0)).isEqualTo("-0");
    assertThat(GoNumbers.formatDouble(Double.NaN)).isEqualTo("NaN");
    assertThat(GoNumbers.formatDouble(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoNumbers.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }

  @Test
  void formatFloatUsesFloat32Digits() {
    assertThat(GoNumbers.formatFloat(3.14f)).isEqualTo("3.14");
    assertThat(GoNumbers.formatFloat(0.1f)).isEqualTo("0.1");
    assertThat(GoNumbers.formatFloat(16777216f)).isEqualTo("16777216");
    assertThat(GoNumbers.formatFloat(Float.MAX_VALUE))
        .isEqualTo("340282350000000000000000000000000000000");
    assertThat(GoNumbers.formatFloat(1e-10f)).isEqualTo("0.0000000001");
    assertThat(GoNumbers.formatFloat(-0.0f)).isEqualTo("-0");
  }

  @Test
  void jsonDoubleSwitchesToExponentOutsideGoRange() {
    assertThat(GoNumbers.jsonDouble(12345678)).isEqualTo("12345678");
    assertThat(GoNumbers.jsonDouble(0.000001)).isEqualTo("0.000001");
    assertThat(GoNumbers.jsonDouble(1e21)).isEqualTo("1e+21");
    assertThat(GoNumbers.jsonDouble(1.5e300)).isEqualTo("1.5e+300");
    assertThat(GoNumbers.jsonDouble(1e-7)).isEqualTo("1e-7");
    assertThat(GoNumbers.jsonDouble(-1.25e-10)).isEqualTo("-1.25e-10");
    assertThat(GoNumbers.jsonDouble(0)).isEqualTo("0");
    assertThatThrownBy(() -> GoNumbers.jsonDouble(Double.NaN)).hasMessageContaining("NaN");
  }
}
