package io.tidb.cdc.worker.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryQuotaTest {
  @Test
  void tryAcquireStopsAtTheLimit() {
    MemoryQuota q = new MemoryQuota("t", 100);
    assertThat(q.tryAcquire(60)).isTrue();
    assertThat(q.tryAcquire(41)).isFalse();
    assertThat(q.tryAcquire(40)).isTrue();
    assertThat(q.used()).isEqualTo(100);
    assertThat(q.available()).isZero();
    q.release(50);
    assertThat(q.used()).isEqualTo(50);
    assertThat(q.available()).isEqualTo(50);
  }

  @Test
  void forceAcquireMayGoPastTheLimit() {
    MemoryQuota q = new MemoryQuota("t", 10);
    q.forceAcquire(25);
    assertThat(q.used()).isEqualTo(25);
    assertThat(q.available()).isZero();
    assertThat(q.tryAcquire(1)).isFalse();
  }

  @Test
  void releasingMoreThanAcquiredIsRejectedAndLeavesUsageIntact() {
    MemoryQuota q = new MemoryQuota("matcher", 10);
    q.forceAcquire(5);
    assertThatThrownBy(() -> q.release(6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("matcher");
    assertThat(q.used()).isEqualTo(5);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new MemoryQuota("x", 0)).hasMessageContaining("'x'");
    MemoryQuota q = new MemoryQuota("x", 1);
    assertThatThrownBy(() -> q.tryAcquire(-1)).hasMessageContaining("negative");
  }

  @Test
  void concurrentHoldersNeverExceedTheLimit() throws InterruptedException {
    MemoryQuota q = new MemoryQuota("t", 1000);
    AtomicLong overLimit = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  if (q.tryAcquire(7)) {
                    if (q.used() > 1000) {
                      overLimit.incrementAndGet();
                    }
                    q.release(7);
                  }
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertThat(overLimit).hasValue(0);
    assertThat(q.used()).isZero();
  }
}
