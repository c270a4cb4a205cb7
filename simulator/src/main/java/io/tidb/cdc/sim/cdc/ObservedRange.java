package io.tidb.cdc.sim.cdc;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.mvcc.Keys;

/**
 * The part of a region a subscription asked for: the region's range intersected with the request's
 * encoded {@code [start_key, end_key)} (empty keys: the whole region), as TiKV's ObservedRange.
 * Rows outside it are not sent.
 */
final class ObservedRange {
  private final ByteString start;
  private final ByteString end;
  private final boolean wholeRegion;

  private ObservedRange(ByteString start, ByteString end, boolean wholeRegion) {
    this.start = start;
    this.end = end;
    this.wholeRegion = wholeRegion;
  }

  static ObservedRange of(Region region, ByteString requestStart, ByteString requestEnd) {
    ByteString rs = region.meta().getStartKey();
    ByteString re = region.meta().getEndKey();
    ByteString s = Keys.ORDER.compare(requestStart, rs) > 0 ? requestStart : rs;
    ByteString e;
    if (requestEnd.isEmpty()) {
      e = re;
    } else if (re.isEmpty()) {
      e = requestEnd;
    } else {
      e = Keys.ORDER.compare(requestEnd, re) < 0 ? requestEnd : re;
    }
    return new ObservedRange(s, e, s.equals(rs) && e.equals(re));
  }

  boolean isWholeRegion() {
    return wholeRegion;
  }

  /** True if the raw key is observed. */
  boolean contains(ByteString rawKey) {
    return wholeRegion || Keys.inRange(Region.encode(rawKey), start, end);
  }
}
