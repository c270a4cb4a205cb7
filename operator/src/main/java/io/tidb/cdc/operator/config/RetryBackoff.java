package io.tidb.cdc.operator.config;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requeue delays for a resource that waits on something only a user can fix (a bad TLS Secret):
 * doubling from {@code first} up to {@code max}, counted per resource key. Thread-safe.
 */
public final class RetryBackoff {
  private final Duration first;
  private final Duration max;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  public RetryBackoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
  }

  /** The delay after the {@code n}-th consecutive failure (n ≥ 1). Pure. */
  public Duration delay(int n) {
    long millis = first.toMillis();
    for (int i = 1; i < n && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  /** Counts one more failure of {@code key} and returns how long to wait before the next try. */
  public Duration failed(String key) {
    return delay(failures.merge(key, 1, Integer::sum));
  }

  /** The number of consecutive failures of {@code key} so far. */
  public int failures(String key) {
    return failures.getOrDefault(key, 0);
  }

  /** {@code key} succeeded (or is gone): the next failure starts from {@code first} again. */
  public void reset(String key) {
    failures.remove(key);
  }
}
