package io.tidb.cdc.worker.puller.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventWorkerTest {
  @Test
  void aFailingTaskIsReportedAndLaterTasksStillRun() {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    EventWorker w = new EventWorker("test-worker", (worker, e) -> failures.add(e));
    AtomicInteger ran = new AtomicInteger();
    try {
      w.execute(
          () -> {
            throw new IllegalStateException("bad event");
          });
      w.runAndWait(ran::incrementAndGet);
      assertThat(ran).hasValue(1);
      assertThat(failures).extracting(Throwable::getMessage).containsExactly("bad event");
    } finally {
      w.stop();
    }
  }

  @Test
  void anErrorIsReportedInsteadOfKillingTheThreadSilently() {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    EventWorker w = new EventWorker("test-worker", (worker, e) -> failures.add(e));
    AtomicInteger ran = new AtomicInteger();
    try {
      w.execute(
          () -> {
            throw new NoClassDefFoundError("io/tidb/Gone");
          });
      // The worker stops after an Error; waiting on it returns instead of hanging.
      w.runAndWait(ran::incrementAndGet);
      assertThat(failures).singleElement().isInstanceOf(NoClassDefFoundError.class);
      assertThat(ran).hasValue(0);
    } finally {
      w.stop();
    }
  }
}
