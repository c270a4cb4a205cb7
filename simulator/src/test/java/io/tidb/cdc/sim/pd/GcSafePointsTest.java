package io.tidb.cdc.sim.pd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GcSafePointsTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final GcSafePoints gc = new GcSafePoints(now::get);

  @Test
  void firstServiceMeetsAGcWorkerAtZero() {
    GcSafePoints.Update u = gc.updateService("ticdc", 100, 60);
    assertThat(u.updated()).isTrue();
    assertThat(u.min().serviceId()).isEqualTo("gc_worker");
    assertThat(u.min().safePoint()).isZero();
  }

  @Test
  void minimumIsTheLowestLiveServiceAndUpdatesBelowItAreRefused() {
    gc.updateService("gc_worker", 50, Long.MAX_VALUE);
    gc.updateService("a", 100, 60);
    gc.updateService("b", 80, 60);
    assertThat(gc.minServiceSafePoint().serviceId()).isEqualTo("gc_worker");
    gc.updateService("gc_worker", 90, Long.MAX_VALUE);
    assertThat(gc.minServiceSafePoint().serviceId()).isEqualTo("b");

    GcSafePoints.Update refused = gc.updateService("c", 70, 60);
    assertThat(refused.updated()).isFalse();
    assertThat(refused.min().serviceId()).isEqualTo("b");
    assertThat(refused.min().safePoint()).isEqualTo(80);

    // The holder of the minimum moving up reveals the next minimum.
    GcSafePoints.Update moved = gc.updateService("b", 120, 60);
    assertThat(moved.updated()).isTrue();
    assertThat(moved.min().serviceId()).isEqualTo("gc_worker");
    assertThat(moved.min().safePoint()).isEqualTo(90);
  }

  @Test
  void expiredServicesAndNonPositiveTtlsDisappear() {
    gc.updateService("gc_worker", 10, Long.MAX_VALUE);
    gc.updateService("a", 20, 5);
    gc.updateService("b", 30, 100);
    gc.updateService("gc_worker", 25, Long.MAX_VALUE);
    assertThat(gc.minServiceSafePoint().serviceId()).isEqualTo("a");
    now.addAndGet(6);
    assertThat(gc.minServiceSafePoint().serviceId()).isEqualTo("gc_worker");
    assertThat(gc.services())
        .extracting(GcSafePoints.ServiceSafePoint::serviceId)
        .doesNotContain("a");

    GcSafePoints.Update removed = gc.updateService("b", 0, 0);
    assertThat(removed.updated()).isFalse();
    assertThat(gc.services())
        .extracting(GcSafePoints.ServiceSafePoint::serviceId)
        .doesNotContain("b");
  }

  @Test
  void gcSafePointOnlyMovesForward() {
    assertThat(gc.updateGcSafePoint(100)).isZero();
    assertThat(gc.updateGcSafePoint(50)).isEqualTo(100);
    assertThat(gc.gcSafePoint()).isEqualTo(100);
  }
}
