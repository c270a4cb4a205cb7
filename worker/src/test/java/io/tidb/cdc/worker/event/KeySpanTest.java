package io.tidb.cdc.worker.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeySpanTest {
  private static Bytes k(String hex) {
    return Bytes.fromHex(hex);
  }

  @Test
  void containsHonoursHalfOpenBoundsAndUnboundedEnd() {
    KeySpan s = KeySpan.of(k("10"), k("20"));
    assertThat(s.contains(k("10"))).isTrue();
    assertThat(s.contains(k("1fff"))).isTrue();
    assertThat(s.contains(k("20"))).isFalse();
    assertThat(s.contains(k("0f"))).isFalse();
    KeySpan open = KeySpan.of(k("10"), Bytes.EMPTY);
    assertThat(open.contains(k("ffffff"))).isTrue();
    assertThat(KeySpan.all().contains(Bytes.EMPTY)).isTrue();
  }

  @Test
  void intersectsWithUnboundedEnds() {
    KeySpan a = KeySpan.of(k("10"), Bytes.EMPTY);
    KeySpan b = KeySpan.of(k("05"), k("30"));
    assertThat(a.intersect(b)).contains(KeySpan.of(k("10"), k("30")));
    assertThat(a.intersect(KeySpan.all())).contains(a);
    assertThat(b.intersect(KeySpan.of(k("30"), k("40")))).isEmpty();
    assertThat(KeySpan.of(k("30"), k("40")).intersect(b)).isEmpty();
  }

  @Test
  void comparesEndsWithEmptyAsInfinity() {
    assertThat(KeySpan.compareEnds(Bytes.EMPTY, k("ff"))).isPositive();
    assertThat(KeySpan.compareEnds(k("ff"), Bytes.EMPTY)).isNegative();
    assertThat(KeySpan.compareEnds(Bytes.EMPTY, Bytes.EMPTY)).isZero();
    assertThat(KeySpan.compareEnds(k("01"), k("02"))).isNegative();
  }

  @Test
  void rejectsReversedSpanNamingBothKeys() {
    assertThatThrownBy(() -> KeySpan.of(k("20"), k("10")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20")
        .hasMessageContaining("10");
  }
}
