package io.tidb.cdc.worker.puller.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeLockTest {
  private static Bytes k(String s) {
    return Bytes.copyOf(s.getBytes());
  }

  private static KeySpan span(String s, String e) {
    return KeySpan.of(k(s), e.isEmpty() ? Bytes.EMPTY : k(e));
  }

  private final RangeLock lock = new RangeLock(span("a", "z"), 100);

  @Test
  void disjointRangesLockAtTheStartTs() {
    assertThat(lock.lock(span("a", "f"), 1, 5)).isEqualTo(new RangeLock.Locked(100));
    assertThat(lock.lock(span("f", "z"), 2, 5)).isEqualTo(new RangeLock.Locked(100));
    assertThat(lock.lockedCount()).isEqualTo(2);
  }

  @Test
  void aChildResumesFromItsParentsResolvedTs() {
    lock.lock(span("a", "m"), 1, 5);
    lock.unlock(span("a", "m"), 1, 180);
    // Split: two children of version 6.
    assertThat(lock.lock(span("a", "g"), 7, 6)).isEqualTo(new RangeLock.Locked(180));
    assertThat(lock.lock(span("g", "m"), 1, 6)).isEqualTo(new RangeLock.Locked(180));
    // Not yet subscribed parts stay at the start ts.
    assertThat(lock.recordedTs(span("m", "z"))).isEqualTo(100);
  }

  @Test
  void aMergedRegionResumesFromTheSmallerOfItsParents() {
    lock.lock(span("a", "g"), 1, 5);
    lock.lock(span("g", "m"), 2, 5);
    lock.unlock(span("a", "g"), 1, 150);
    lock.unlock(span("g", "m"), 2, 130);
    assertThat(lock.lock(span("a", "m"), 2, 7)).isEqualTo(new RangeLock.Locked(130));
  }

  @Test
  void anOlderOrEqualVersionIsStaleAndGetsTheUncoveredParts() {
    lock.lock(span("d", "f"), 1, 5);
    lock.lock(span("h", "j"), 2, 7);
    RangeLock.Result r = lock.lock(span("a", "m"), 3, 6);
    assertThat(r)
        .isEqualTo(new RangeLock.Stale(List.of(span("a", "d"), span("f", "h"), span("j", "m"))));
    // Equal version is stale too: the same region is already subscribed.
    assertThat(lock.lock(span("h", "j"), 2, 7)).isEqualTo(new RangeLock.Stale(List.of()));
  }

  @Test
  void aNewerVersionWaitsForOlderHolders() {
    lock.lock(span("a", "g"), 1, 5);
    lock.lock(span("g", "m"), 2, 5);
    assertThat(lock.lock(span("a", "m"), 2, 7)).isEqualTo(new RangeLock.Blocked(List.of(1L, 2L)));
    lock.unlock(span("a", "g"), 1, 140);
    assertThat(lock.lock(span("a", "m"), 2, 7)).isInstanceOf(RangeLock.Blocked.class);
    lock.unlock(span("g", "m"), 2, 120);
    assertThat(lock.lock(span("a", "m"), 2, 7)).isEqualTo(new RangeLock.Locked(120));
  }

  @Test
  void theSameRegionIsNotLockedTwiceForDifferentRanges() {
    lock.lock(span("a", "g"), 1, 7);
    assertThat(lock.lock(span("g", "m"), 1, 7))
        .isEqualTo(new RangeLock.Stale(List.of(span("g", "m"))));
    assertThat(lock.lock(span("g", "m"), 1, 8)).isInstanceOf(RangeLock.Blocked.class);
  }

  @Test
  void unboundedSpansWork() {
    RangeLock all = new RangeLock(KeySpan.all(), 10);
    assertThat(all.lock(span("", "m"), 1, 1)).isEqualTo(new RangeLock.Locked(10));
    assertThat(all.lock(span("m", ""), 2, 1)).isEqualTo(new RangeLock.Locked(10));
    all.unlock(span("m", ""), 2, 50);
    all.unlock(span("", "m"), 1, 40);
    assertThat(all.recordedTs(KeySpan.all())).isEqualTo(40);
    assertThat(all.recordedTs(span("m", ""))).isEqualTo(50);
    assertThat(all.lock(KeySpan.all(), 3, 2)).isEqualTo(new RangeLock.Locked(40));
  }

  @Test
  void unlockingWhatIsNotLockedIsABug() {
    lock.lock(span("a", "g"), 1, 5);
    assertThatThrownBy(() -> lock.unlock(span("a", "g"), 2, 10))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> lock.unlock(span("a", "f"), 1, 10))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rangesOutsideTheSpanAreRefused() {
    RangeLock narrow = new RangeLock(span("c", "f"), 1);
    assertThatThrownBy(() -> narrow.lock(span("a", "d"), 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a part of span");
    assertThatThrownBy(() -> narrow.lock(span("c", ""), 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tsSegmentsCoalesce() {
    RangeTsMap m = new RangeTsMap(span("a", "z"), 5);
    m.set(span("c", "e"), 9);
    m.set(span("e", "g"), 9);
    assertThat(m.min(span("c", "g"))).isEqualTo(9);
    assertThat(m.min(span("b", "d"))).isEqualTo(5);
    m.set(span("c", "g"), 5);
    assertThat(m.segmentCount()).isEqualTo(1);
  }
}
