package io.tidb.cdc.worker.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import org.junit.jupiter.api.Test;

class SpanFrontierTest {
  private static Bytes k(int b) {
    return Bytes.copyOf(new byte[] {(byte) b});
  }

  private static KeySpan span(int start, int end) {
    return KeySpan.of(k(start), k(end));
  }

  @Test
  void holeAtStartHoldsTheSpanUntilEveryKeyIsCovered() {
    SpanFrontier f = new SpanFrontier(span(10, 40), 100);
    assertThat(f.forward(1, 1, span(10, 20), 150)).isEqualTo(100);
    assertThat(f.forward(2, 1, span(20, 30), 160)).isEqualTo(100);
    assertThat(f.subRanges()).filteredOn(SubRange::isHole).hasSize(1);
    assertThat(f.forward(3, 1, span(30, 40), 170)).isEqualTo(150);
    assertThat(f.subRanges()).noneMatch(SubRange::isHole);
  }

  @Test
  void regionsLargerThanTheSpanAreClipped() {
    SpanFrontier f = new SpanFrontier(span(10, 40), 100);
    assertThat(f.forward(1, 1, KeySpan.all(), 120)).isEqualTo(120);
    assertThat(f.subRanges()).containsExactly(new SubRange(span(10, 40), 120, 1, 1));
    assertThat(f.forward(2, 1, span(50, 60), 999)).isEqualTo(120);
  }

  @Test
  void resolvedTsNeverGoesBackwards() {
    SpanFrontier f = new SpanFrontier(span(10, 40), 100);
    f.forward(1, 1, span(10, 40), 200);
    // A new region takes over part of the range from a lower ts (re-subscribed from its
    // checkpoint).
    assertThat(f.forward(2, 2, span(10, 20), 150)).isEqualTo(200);
    assertThat(f.minSubRangeTs()).isEqualTo(150);
    assertThat(f.forward(2, 2, span(10, 20), 210)).isEqualTo(200);
    assertThat(f.forward(2, 2, span(10, 20), 230)).isEqualTo(200);
    assertThat(f.forward(1, 1, span(20, 40), 220)).isEqualTo(220);
  }

  @Test
  void sameRegionNeverLowersItsOwnTs() {
    SpanFrontier f = new SpanFrontier(span(10, 40), 100);
    f.forward(1, 1, span(10, 40), 200);
    assertThat(f.forward(1, 1, span(10, 40), 150)).isEqualTo(200);
    assertThat(f.minSubRangeTs()).isEqualTo(200);
  }

  @Test
  void splitChildrenReplaceTheirPartsAndTheRestKeepsTheParentTs() {
    SpanFrontier f = new SpanFrontier(span(0, 100), 100);
    f.forward(1, 5, span(0, 100), 200);
    // Region 1 splits into 1 [0,50) and 7 [50,100), both at version 6.
    assertThat(f.forward(7, 6, span(50, 100), 260)).isEqualTo(200);
    assertThat(f.subRanges())
        .containsExactly(
            new SubRange(span(0, 50), 200, 1, 5), new SubRange(span(50, 100), 260, 7, 6));
    assertThat(f.forward(1, 6, span(0, 50), 250)).isEqualTo(250);
  }

  @Test
  void staleReportOfTheParentAfterASplitIsIgnored() {
    SpanFrontier f = new SpanFrontier(span(0, 100), 100);
    f.forward(1, 5, span(0, 100), 200);
    f.forward(7, 6, span(50, 100), 210);
    f.forward(1, 6, span(0, 50), 220);
    assertThat(f.resolvedTs()).isEqualTo(210);
    // The old epoch of region 1 still covering [0,100) arrives late with a big ts.
    assertThat(f.forward(1, 5, span(0, 100), 900)).isEqualTo(210);
    assertThat(f.subRanges()).extracting(SubRange::resolvedTs).containsExactly(220L, 210L);
  }

  @Test
  void mergedRegionReplacesBothSidesInOneSubRange() {
    SpanFrontier f = new SpanFrontier(span(0, 100), 100);
    f.forward(1, 6, span(0, 50), 220);
    f.forward(7, 6, span(50, 100), 210);
    assertThat(f.forward(1, 7, span(0, 100), 230)).isEqualTo(230);
    assertThat(f.subRanges()).containsExactly(new SubRange(span(0, 100), 230, 1, 7));
    assertThat(f.forward(7, 6, span(50, 100), 500)).isEqualTo(230);
  }

  @Test
  void holeFromAnErrorKeepsItsLastTsUntilReported() {
    SpanFrontier f = new SpanFrontier(span(0, 100), 100);
    f.forward(1, 1, span(0, 50), 200);
    f.forward(2, 1, span(50, 100), 300);
    assertThat(f.markHole(span(50, 100))).isEqualTo(200);
    assertThat(f.forward(1, 1, span(0, 50), 400)).isEqualTo(300);
    assertThat(f.forward(1, 1, span(0, 50), 500)).isEqualTo(300);
    assertThat(f.subRanges().get(1).isHole()).isTrue();
    // Re-subscribed on a new leader: same region, same epoch.
    assertThat(f.forward(2, 1, span(50, 100), 450)).isEqualTo(450);
  }

  @Test
  void unboundedSpanWorksWithEmptyKeys() {
    SpanFrontier f = new SpanFrontier(KeySpan.all(), 10);
    f.forward(1, 1, KeySpan.of(Bytes.EMPTY, k(50)), 20);
    assertThat(f.resolvedTs()).isEqualTo(10);
    f.forward(2, 1, KeySpan.of(k(50), Bytes.EMPTY), 30);
    assertThat(f.resolvedTs()).isEqualTo(20);
    f.markHole(KeySpan.of(k(60), Bytes.EMPTY));
    assertThat(f.subRanges()).hasSize(3);
    assertThat(f.subRanges().get(2).span()).isEqualTo(KeySpan.of(k(60), Bytes.EMPTY));
  }

  @Test
  void rejectsReservedRegionIdAndNegativeTs() {
    SpanFrontier f = new SpanFrontier(span(0, 10), 1);
    assertThatThrownBy(() -> f.forward(SpanFrontier.NO_REGION, 1, span(0, 10), 5))
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> f.forward(1, 1, span(0, 10), -5)).hasMessageContaining("63 bits");
    assertThatThrownBy(() -> new SpanFrontier(span(5, 5), 1)).hasMessageContaining("empty");
  }
}
