package io.tidb.cdc.worker.frontier;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The resolved ts of one key span, computed from the resolved ts its regions report.
 *
 * <p>The span is partitioned into sub-ranges, each remembering its resolved ts and the region (id,
 * epoch version) that reported it. The span's resolved ts is the minimum over all sub-ranges and
 * never goes backwards. Rules:
 *
 * <ul>
 *   <li>At first the whole span is a <em>hole</em> at the start ts: nothing advances until regions
 *       covering every key have reported.
 *   <li>A region report sets the ts of the part of the span it covers. Parts it takes over from
 *       another region (a split child, a merged region, a new leader's subscription) get the
 *       reported ts; parts it already held keep the larger of old and new, so one region's ts never
 *       goes backwards. Parts it does not cover keep their previous values.
 *   <li>A report is stale and ignored when any part of its range was already reported by a region
 *       with a newer epoch version: after a split or merge the old region's late reports must not
 *       overwrite its successors.
 *   <li>{@link #markHole} (the region failed and is being re-subscribed) turns a range into a hole
 *       that keeps its last ts: the span cannot pass it until a region reports the range again.
 * </ul>
 *
 * <p>A report for exactly the range its region already holds costs O(log n) for n sub-ranges; a
 * report that reshapes sub-ranges costs O(k log n) for the k sub-ranges it replaces. Adjacent
 * sub-ranges with identical state are coalesced, so n stays near the number of regions. Not
 * thread-safe.
 */
public final class SpanFrontier {
  /** The region id of a hole. TiKV region ids start at 1. */
  public static final long NO_REGION = 0;

  private record Node(Bytes start, Bytes end, long ts, long regionId, long version) {
    boolean sameState(Node o) {
      return ts == o.ts && regionId == o.regionId && version == o.version;
    }

    Node withTs(long newTs) {
      return new Node(start, end, newTs, regionId, version);
    }
  }

  private static final Comparator<Node> BY_TS =
      Comparator.comparingLong(Node::ts).thenComparing(Node::start);

  private final KeySpan span;
  private final TreeMap<Bytes, Node> byStart = new TreeMap<>();
  private final TreeSet<Node> byTs = new TreeSet<>(BY_TS);
  private long resolvedTs;

  /** A frontier for {@code span} whose regions have not reported yet. */
  public SpanFrontier(KeySpan span, long startTs) {
    this.span = Objects.requireNonNull(span, "span");
    if (span.isEmpty()) {
      throw new IllegalArgumentException("frontier span " + span + " is empty");
    }
    requireTs(startTs);
    this.resolvedTs = startTs;
    insert(new Node(span.start(), span.end(), startTs, NO_REGION, 0));
  }

  /**
   * Records that region {@code regionId} at epoch {@code version} covering {@code regionSpan} is
   * resolved to {@code ts}. The region span is clipped to this frontier's span.
   *
   * @return the span's resolved ts afterwards
   */
  public long forward(long regionId, long version, KeySpan regionSpan, long ts) {
    if (regionId == NO_REGION) {
      throw new IllegalArgumentException("region id " + NO_REGION + " is reserved for holes");
    }
    requireTs(ts);
    Optional<KeySpan> clipped = span.intersect(regionSpan);
    if (clipped.isEmpty()) {
      return resolvedTs;
    }
    Bytes s = clipped.get().start();
    Bytes e = clipped.get().end();
    Node exact = byStart.get(s);
    if (exact != null
        && exact.regionId == regionId
        && exact.version == version
        && KeySpan.compareEnds(exact.end, e) == 0) {
      if (ts > exact.ts) {
        replace(exact, exact.withTs(ts));
        coalesce(s, e);
      }
      return advance();
    }
    List<Node> overlapped = overlapping(s, e);
    for (Node n : overlapped) {
      if (n.version > version) {
        return resolvedTs;
      }
    }
    splitAt(s);
    splitAt(e);
    for (Node n : overlapping(s, e)) {
      boolean sameRegion = n.regionId == regionId && n.version == version;
      long newTs = sameRegion ? Math.max(n.ts, ts) : ts;
      replace(n, new Node(n.start, n.end, newTs, regionId, version));
    }
    coalesce(s, e);
    return advance();
  }

  /**
   * Turns {@code range} into a hole: its region is gone (error, re-subscription) and the range
   * keeps its last resolved ts until a region reports it again.
   *
   * @return the span's resolved ts (a hole never advances it)
   */
  public long markHole(KeySpan range) {
    Optional<KeySpan> clipped = span.intersect(range);
    if (clipped.isEmpty()) {
      return resolvedTs;
    }
    Bytes s = clipped.get().start();
    Bytes e = clipped.get().end();
    splitAt(s);
    splitAt(e);
    for (Node n : overlapping(s, e)) {
      replace(n, new Node(n.start, n.end, n.ts, NO_REGION, n.version));
    }
    coalesce(s, e);
    return resolvedTs;
  }

  /** The span's resolved ts: every change in the span at or below it has been delivered. */
  public long resolvedTs() {
    return resolvedTs;
  }

  /** The smallest resolved ts over the sub-ranges (may be below {@link #resolvedTs()}). */
  public long minSubRangeTs() {
    return byTs.first().ts;
  }

  public KeySpan span() {
    return span;
  }

  /** The current sub-ranges in key order. */
  public List<SubRange> subRanges() {
    List<SubRange> out = new ArrayList<>(byStart.size());
    for (Node n : byStart.values()) {
      out.add(new SubRange(new KeySpan(n.start, n.end), n.ts, n.regionId, n.version));
    }
    return out;
  }

  private long advance() {
    long min = byTs.first().ts;
    if (min > resolvedTs) {
      resolvedTs = min;
    }
    return resolvedTs;
  }

  /** Nodes intersecting {@code [s, e)}, in key order. */
  private List<Node> overlapping(Bytes s, Bytes e) {
    List<Node> out = new ArrayList<>();
    Map.Entry<Bytes, Node> first = byStart.floorEntry(s);
    Bytes from = first == null ? s : first.getKey();
    for (Node n : byStart.tailMap(from, true).values()) {
      if (!KeySpan.isBefore(n.start, e)) {
        break;
      }
      out.add(n);
    }
    return out;
  }

  /** Makes {@code key} a sub-range boundary if it falls strictly inside one. */
  private void splitAt(Bytes key) {
    if (key.isEmpty()) {
      return; // the span's own start or an unbounded end: never inside a node
    }
    Map.Entry<Bytes, Node> floor = byStart.floorEntry(key);
    if (floor == null) {
      return;
    }
    Node n = floor.getValue();
    if (n.start.compareTo(key) < 0 && KeySpan.isBefore(key, n.end)) {
      remove(n);
      insert(new Node(n.start, key, n.ts, n.regionId, n.version));
      insert(new Node(key, n.end, n.ts, n.regionId, n.version));
    }
  }

  /**
   * Merges equal neighbours from the node before {@code s} up to the node starting at {@code e}.
   */
  private void coalesce(Bytes s, Bytes e) {
    Map.Entry<Bytes, Node> before = byStart.lowerEntry(s);
    Node cur = before != null ? before.getValue() : byStart.get(s);
    while (cur != null && KeySpan.isBefore(cur.start, e)) {
      Map.Entry<Bytes, Node> nextEntry = byStart.higherEntry(cur.start);
      if (nextEntry == null) {
        return;
      }
      Node next = nextEntry.getValue();
      if (cur.sameState(next)) {
        remove(cur);
        remove(next);
        Node merged = new Node(cur.start, next.end, cur.ts, cur.regionId, cur.version);
        insert(merged);
        cur = merged;
      } else {
        cur = next;
      }
    }
  }

  private void replace(Node old, Node now) {
    remove(old);
    insert(now);
  }

  private void insert(Node n) {
    byStart.put(n.start, n);
    byTs.add(n);
  }

  private void remove(Node n) {
    byStart.remove(n.start);
    byTs.remove(n);
  }

  private static void requireTs(long ts) {
    if (ts < 0) {
      throw new IllegalArgumentException("resolved ts must fit in 63 bits: " + ts);
    }
  }
}
