package io.tidb.cdc.testsupport.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@AllowLeaks(threads = "outer-.*", processes = ".*/sleep 99", reason = "test of the annotation")
class LeakAllowanceTest {
  @Test
  void patternsMatchWholeNamesFromAnnotationAndConfiguration() {
    LeakAllowance allowance = LeakAllowance.of(LeakAllowanceTest.class, "lib-a, lib-b-\\d+", null);

    assertThat(allowance.allowsThread("outer-1")).isTrue();
    assertThat(allowance.allowsThread("lib-a")).isTrue();
    assertThat(allowance.allowsThread("lib-b-7")).isTrue();
    assertThat(allowance.allowsThread("lib-b-x")).isFalse();
    assertThat(allowance.allowsThread("my-outer-1")).isFalse();
    assertThat(allowance.allowsProcess("/usr/bin/sleep 99")).isTrue();
    assertThat(allowance.allowsProcess("/usr/bin/sleep 9")).isFalse();
  }

  @Test
  void badPatternIsNamedWithItsSource() {
    assertThatThrownBy(() -> LeakAllowance.of(LeakAllowanceTest.class, "ok,(unclosed", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'(unclosed'");
  }

  @Nested
  class InnerTests {
    @Test
    void nestedClassesInheritTheEnclosingAllowance() {
      LeakAllowance allowance = LeakAllowance.of(InnerTests.class, null, null);

      assertThat(allowance.allowsThread("outer-2")).isTrue();
      assertThat(allowance.allowsThread("inner-2")).isFalse();
    }
  }
}
