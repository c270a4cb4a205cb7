package io.tidb.cdc.worker.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A key range {@code [start, end)} of raw TiKV keys. An empty {@code end} means unbounded, as in
 * TiKV's region metadata; an empty {@code start} is the smallest key.
 */
public record KeySpan(Bytes start, Bytes end) {
  public KeySpan {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isEmpty() && start.compareTo(end) > 0) {
      throw new IllegalArgumentException("span start " + start + " is after its end " + end);
    }
  }

  /** The whole key space. */
  public static KeySpan all() {
    return new KeySpan(Bytes.EMPTY, Bytes.EMPTY);
  }

  public static KeySpan of(Bytes start, Bytes end) {
    return new KeySpan(start, end);
  }

  public boolean isUnbounded() {
    return end.isEmpty();
  }

  /** True when no key lies in the span. */
  public boolean isEmpty() {
    return !end.isEmpty() && start.compareTo(end) >= 0;
  }

  public boolean contains(Bytes key) {
    return start.compareTo(key) <= 0 && isBefore(key, end);
  }

  /** The keys in both spans, or empty when they do not overlap. */
  public Optional<KeySpan> intersect(KeySpan other) {
    Bytes s = start.compareTo(other.start) >= 0 ? start : other.start;
    Bytes e = compareEnds(end, other.end) <= 0 ? end : other.end;
    if (!e.isEmpty() && s.compareTo(e) >= 0) {
      return Optional.empty();
    }
    return Optional.of(new KeySpan(s, e));
  }

  /** Compares two span ends where the empty end is greater than every key. */
  public static int compareEnds(Bytes a, Bytes b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    return a.compareTo(b);
  }

  /** True when {@code key} is strictly before the span end {@code end} (empty = unbounded). */
  public static boolean isBefore(Bytes key, Bytes end) {
    return end.isEmpty() || key.compareTo(end) < 0;
  }

  @Override
  public String toString() {
    return "[" + start + ", " + (end.isEmpty() ? "+inf" : end.toString()) + ")";
  }
}
