package io.tidb.cdc.worker.sink.file;

/**
 * Bounds the encoded bytes waiting for the writer thread: {@link #acquire} blocks while the budget
 * is spent (back-pressure on the pipeline). One batch larger than the whole budget still passes
 * when nothing else is queued, so a huge transaction cannot wedge the sink.
 */
final class ByteBudget {
  private final long limit;
  private long used;
  private boolean open = true;

  ByteBudget(long limit) {
    this.limit = limit;
  }

  synchronized void acquire(long n) throws InterruptedException {
    while (open && used > 0 && used + n > limit) {
      wait();
    }
    used += n;
  }

  synchronized void release(long n) {
    used -= n;
    notifyAll();
  }

  /** Lets every waiter through, for shutdown. */
  synchronized void openAll() {
    open = false;
    notifyAll();
  }
}
