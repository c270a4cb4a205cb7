package io.tidb.cdc.worker.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte budget shared by the holders of one kind of buffered data, e.g. all region matchers of a
 * worker or all sorters of a changefeed. Holders {@link #tryAcquire} before they keep bytes and
 * {@link #release} when they let them go; a holder that cannot get bytes must shed data (evict,
 * spill) instead of growing. {@link #forceAcquire} is for the few bytes that correctness needs
 * (markers, bookkeeping) and may push usage past the limit. Thread-safe and lock-free.
 */
public final class MemoryQuota {
  private final String name;
  private final long limit;
  private final AtomicLong used = new AtomicLong();

  public MemoryQuota(String name, long limitBytes) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException(
          "memory quota '" + name + "' must be positive, got " + limitBytes + " bytes");
    }
    this.name = name;
    this.limit = limitBytes;
  }

  /** Takes {@code bytes} if that keeps usage within the limit; returns whether it did. */
  public boolean tryAcquire(long bytes) {
    requireNonNegative(bytes);
    while (true) {
      long current = used.get();
      long next = current + bytes;
      if (next > limit) {
        return false;
      }
      if (used.compareAndSet(current, next)) {
        return true;
      }
    }
  }

  /** Takes {@code bytes} even past the limit. */
  public void forceAcquire(long bytes) {
    requireNonNegative(bytes);
    used.addAndGet(bytes);
  }

  /** Gives back {@code bytes} taken earlier. Releasing more than was taken is a bug. */
  public void release(long bytes) {
    requireNonNegative(bytes);
    long after = used.addAndGet(-bytes);
    if (after < 0) {
      used.addAndGet(bytes);
      throw new IllegalStateException(
          "memory quota '" + name + "' released " + bytes + " bytes more than it had acquired");
    }
  }

  public long used() {
    return used.get();
  }

  public long limit() {
    return limit;
  }

  public long available() {
    return Math.max(0, limit - used.get());
  }

  public String name() {
    return name;
  }

  private void requireNonNegative(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException(
          "memory quota '" + name + "': byte count must not be negative, got " + bytes);
    }
  }

  @Override
  public String toString() {
    return "MemoryQuota[" + name + " " + used.get() + "/" + limit + "]";
  }
}
