package io.tidb.cdc.worker.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random region histories (reports, splits, merges, errors, late reports of retired epochs and
 * arbitrary noise) against a brute-force model that keeps one state per unit key interval.
 */
class SpanFrontierModelTest {
  /** Unit i is [b(i), b(i+1)) with b(0) = "" and b(UNITS) = +inf. */
  private static final int UNITS = 24;

  private static Bytes b(int i) {
    if (i <= 0 || i >= UNITS) {
      return Bytes.EMPTY;
    }
    return Bytes.copyOf(new byte[] {(byte) (i * 10)});
  }

  private static KeySpan units(int from, int to) {
    return KeySpan.of(b(from), b(to));
  }

  /** The brute-force model. */
  private static final class Model {
    final int lo;
    final int hi;
    final long[] ts = new long[UNITS];
    final long[] region = new long[UNITS];
    final long[] version = new long[UNITS];
    long resolved;

    Model(int lo, int hi, long startTs) {
      this.lo = lo;
      this.hi = hi;
      java.util.Arrays.fill(ts, startTs);
      resolved = startTs;
    }

    void forward(long r, long v, int from, int to, long t) {
      int a = Math.max(from, lo);
      int z = Math.min(to, hi);
      for (int i = a; i < z; i++) {
        if (version[i] > v) {
          return;
        }
      }
      for (int i = a; i < z; i++) {
        boolean same = region[i] == r && version[i] == v;
        ts[i] = same ? Math.max(ts[i], t) : t;
        region[i] = r;
        version[i] = v;
      }
      advance();
    }

    void hole(int from, int to) {
      for (int i = Math.max(from, lo); i < Math.min(to, hi); i++) {
        region[i] = SpanFrontier.NO_REGION;
      }
    }

    void advance() {
      long min = Long.MAX_VALUE;
      for (int i = lo; i < hi; i++) {
        min = Math.min(min, ts[i]);
      }
      resolved = Math.max(resolved, min);
    }
  }

  private record Region(long id, long version, int from, int to, long ts) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void matchesTheBruteForceModel(long seed) {
    Random rnd = new Random(seed);
    boolean whole = seed % 2 == 0;
    int lo = whole ? 0 : 3;
    int hi = whole ? UNITS : UNITS - 4;
    long startTs = 1000;
    SpanFrontier f = new SpanFrontier(units(lo, hi), startTs);
    Model m = new Model(lo, hi, startTs);
    List<Region> regions = new ArrayList<>(List.of(new Region(1, 1, 0, UNITS, startTs)));
    List<Region> retired = new ArrayList<>();
    long nextId = 2;
    long previous = startTs;
    for (int step = 0; step < 3000; step++) {
      int dice = rnd.nextInt(100);
      int idx = rnd.nextInt(regions.size());
      Region r = regions.get(idx);
      if (dice < 50) {
        Region moved = new Region(r.id, r.version, r.from, r.to, r.ts + rnd.nextInt(6));
        regions.set(idx, moved);
        f.forward(r.id, r.version, units(r.from, r.to), moved.ts);
        m.forward(r.id, r.version, r.from, r.to, moved.ts);
      } else if (dice < 62 && r.to - r.from >= 2) {
        int at = r.from + 1 + rnd.nextInt(r.to - r.from - 1);
        retired.add(r);
        regions.set(idx, new Region(r.id, r.version + 1, r.from, at, r.ts));
        regions.add(idx + 1, new Region(nextId++, r.version + 1, at, r.to, r.ts));
      } else if (dice < 72 && idx + 1 < regions.size()) {
        Region right = regions.get(idx + 1);
        retired.add(r);
        retired.add(right);
        long v = Math.max(r.version, right.version) + 1;
        regions.set(idx, new Region(r.id, v, r.from, right.to, Math.min(r.ts, right.ts)));
        regions.remove(idx + 1);
      } else if (dice < 80) {
        f.markHole(units(r.from, r.to));
        m.hole(r.from, r.to);
      } else if (dice < 90 && !retired.isEmpty()) {
        Region old = retired.get(rnd.nextInt(retired.size()));
        long t = old.ts + rnd.nextInt(50);
        f.forward(old.id, old.version, units(old.from, old.to), t);
        m.forward(old.id, old.version, old.from, old.to, t);
      } else {
        int a = rnd.nextInt(UNITS);
        int z = a + 1 + rnd.nextInt(UNITS - a);
        long id = 1 + rnd.nextInt((int) nextId);
        long v = rnd.nextInt(8);
        long t = startTs + rnd.nextInt(400);
        f.forward(id, v, units(a, z), t);
        m.forward(id, v, a, z, t);
      }
      assertThat(f.resolvedTs()).as("step %d", step).isEqualTo(m.resolved);
      assertThat(f.resolvedTs()).isGreaterThanOrEqualTo(previous);
      previous = f.resolvedTs();
      assertSameState(f, m, step);
    }
  }

  private static void assertSameState(SpanFrontier f, Model m, int step) {
    List<SubRange> ranges = f.subRanges();
    int unit = m.lo;
    SubRange prev = null;
    for (SubRange s : ranges) {
      assertThat(s.span().start()).as("step %d: partition is contiguous", step).isEqualTo(b(unit));
      if (prev != null) {
        boolean sameState =
            prev.resolvedTs() == s.resolvedTs()
                && prev.regionId() == s.regionId()
                && prev.version() == s.version();
        assertThat(sameState).as("step %d: equal neighbours are coalesced", step).isFalse();
      }
      while (unit < m.hi && KeySpan.isBefore(b(unit), s.span().end())) {
        assertThat(new long[] {s.resolvedTs(), s.regionId(), s.version()})
            .as("step %d unit %d", step, unit)
            .containsExactly(m.ts[unit], m.region[unit], m.version[unit]);
        unit++;
      }
      prev = s;
    }
    assertThat(unit).as("step %d: partition covers the span", step).isEqualTo(m.hi);
  }
}
