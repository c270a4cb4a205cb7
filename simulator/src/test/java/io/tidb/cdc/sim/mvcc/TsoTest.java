package io.tidb.cdc.sim.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TsoTest {
  @Test
  void composesPhysicalAndLogicalParts() {
    long ts = Tso.compose(1_700_000_000_000L, 5);
    assertThat(ts).isEqualTo((1_700_000_000_000L << 18) | 5);
    assertThat(Tso.physicalOf(ts)).isEqualTo(1_700_000_000_000L);
    assertThat(Tso.logicalOf(ts)).isEqualTo(5);
  }

  @Test
  void strictlyIncreasesWithinOneMillisecondAndAcrossClockSteps() {
    AtomicLong clock = new AtomicLong(1000);
    Tso tso = new Tso(clock::get);
    long a = tso.next();
    long b = tso.next();
    clock.set(999); // the clock goes back: timestamps must not
    long c = tso.next();
    clock.set(2000);
    long d = tso.next();
    assertThat(a).isLessThan(b);
    assertThat(b).isLessThan(c);
    assertThat(c).isLessThan(d);
    assertThat(Tso.physicalOf(d)).isEqualTo(2000);
  }

  @Test
  void batchReturnsTheLastOfCountConsecutiveTimestamps() {
    AtomicLong clock = new AtomicLong(1000);
    Tso tso = new Tso(clock::get);
    long first = tso.next();
    long last = tso.next(10);
    assertThat(last - first).isEqualTo(10);
    assertThat(tso.next()).isEqualTo(last + 1);
  }

  @Test
  void logicalOverflowBorrowsTheNextMillisecond() {
    AtomicLong clock = new AtomicLong(1000);
    Tso tso = new Tso(clock::get);
    long big = tso.next((1 << 18) - 1);
    long after = tso.next(2);
    assertThat(after).isGreaterThan(big);
    assertThat(Tso.physicalOf(after)).isEqualTo(1001);
  }

  @Test
  void rejectsBadCounts() {
    Tso tso = new Tso();
    assertThatThrownBy(() -> tso.next(0)).hasMessageContaining("TSO count");
  }
}
