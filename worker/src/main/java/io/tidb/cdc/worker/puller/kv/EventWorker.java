package io.tidb.cdc.worker.puller.kv;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that runs the event work of the spans assigned to it, in submission order: matching,
 * frontier updates and consumer calls. Its queue is unbounded; the streams bound what they hand
 * over (see {@link FeedStream}).
 */
final class EventWorker {
  private static final Logger LOG = LoggerFactory.getLogger(EventWorker.class);
  private static final Runnable STOP = () -> {};

  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final BiConsumer<EventWorker, Throwable> onFailure;
  private volatile boolean stopped;

  /**
   * @param onFailure told when a task throws: the task's events are lost, so the spans this worker
   *     serves must fail (and restart from their checkpoint) rather than stall silently
   */
  EventWorker(String name, BiConsumer<EventWorker, Throwable> onFailure) {
    this.onFailure = onFailure;
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  void execute(Runnable task) {
    if (!stopped) {
      queue.add(task);
    }
  }

  boolean isCurrentThread() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the worker and waits for it (returns at once if the worker stopped). */
  void runAndWait(Runnable task) {
    CountDownLatch done = new CountDownLatch(1);
    execute(
        () -> {
          try {
            task.run();
          } finally {
            done.countDown();
          }
        });
    try {
      while (!stopped && !done.await(100, TimeUnit.MILLISECONDS)) {
        // waiting for the worker to reach the task
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int backlog() {
    return queue.size();
  }

  /** Stops after the task running now; queued tasks are dropped. Waits for the thread to end. */
  void stop() {
    stopped = true;
    queue.clear();
    queue.add(STOP);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("puller worker {} did not stop within 5 s", thread.getName());
    }
  }

  private void loop() {
    while (true) {
      Runnable task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (task == STOP || stopped) {
        return;
      }
      try {
        task.run();
      } catch (Throwable e) { // an Error too: a dead thread would stall its spans forever
        LOG.error("puller worker {} task failed; failing its spans", thread.getName(), e);
        try {
          onFailure.accept(this, e);
        } catch (RuntimeException nested) {
          LOG.error("failing the spans of {} failed too", thread.getName(), nested);
        }
        if (e instanceof Error) {
          stopped = true;
          return;
        }
      }
    }
  }
}
