package io.tidb.cdc.worker.puller.testing;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The committed changes a test made, to check a puller's output against. Thread-safe. */
public final class Truth {
  /** One committed change of one key. */
  public record Change(
      Bytes key, long startTs, long commitTs, OpType op, Bytes value, Bytes oldValue) {
    static Change of(RawKvEvent e) {
      return new Change(e.key(), e.startTs(), e.commitTs(), e.op(), e.value(), e.oldValue());
    }

    Change withoutOldValue() {
      return new Change(key, startTs, commitTs, op, value, Bytes.EMPTY);
    }
  }

  private final List<Change> changes = new ArrayList<>();

  public synchronized void add(Change c) {
    changes.add(c);
  }

  public synchronized List<Change> changes() {
    return List.copyOf(changes);
  }

  public synchronized long maxCommitTs() {
    return changes.stream().mapToLong(Change::commitTs).max().orElse(0);
  }

  /**
   * Compares delivered rows with the truth committed above {@code startTs}: returns the problems
   * (missing rows, unknown rows, duplicates when {@code exactlyOnce}); empty when all is well.
   */
  public List<String> check(
      List<RawKvEvent> delivered, long startTs, boolean exactlyOnce, boolean compareOldValues) {
    List<String> problems = new ArrayList<>();
    Set<Change> expected = new HashSet<>();
    for (Change c : changes()) {
      if (c.commitTs() > startTs) {
        expected.add(compareOldValues ? c : c.withoutOldValue());
      }
    }
    Map<Change, Integer> seen = new HashMap<>();
    for (RawKvEvent e : delivered) {
      Change c = compareOldValues ? Change.of(e) : Change.of(e).withoutOldValue();
      seen.merge(c, 1, Integer::sum);
      if (!expected.contains(c) && problems.size() < 20) {
        problems.add("delivered but never committed (or wrong value): " + c);
      }
    }
    for (Change c : expected) {
      Integer n = seen.get(c);
      if (n == null) {
        if (problems.size() < 40) {
          problems.add("committed but not delivered: " + c);
        }
      } else if (exactlyOnce && n > 1 && problems.size() < 40) {
        problems.add("delivered " + n + " times: " + c);
      }
    }
    return problems;
  }

  /**
   * Checks the sorter's output: per key, commit ts never goes down, and a repeated commit ts is an
   * exact duplicate (a re-subscription delivered it again).
   */
  public static List<String> checkPerKeyOrder(List<RawKvEvent> sorted) {
    List<String> problems = new ArrayList<>();
    Map<Bytes, RawKvEvent> last = new HashMap<>();
    for (RawKvEvent e : sorted) {
      RawKvEvent prev = last.put(e.key(), e);
      if (prev == null) {
        continue;
      }
      if (e.commitTs() < prev.commitTs()
          || (e.commitTs() == prev.commitTs() && !Change.of(e).equals(Change.of(prev)))) {
        problems.add("key " + e.key() + ": " + prev + " then " + e);
      }
    }
    return problems;
  }
}
