package io.tidb.cdc.worker.puller.region;

import static io.tidb.cdc.worker.puller.testing.FakePd.region;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.puller.pd.RegionInfo;
import io.tidb.cdc.worker.puller.testing.FakePd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionCacheTest {
  private static Bytes k(String s) {
    return Bytes.copyOf(s.getBytes());
  }

  private static KeySpan span(String s, String e) {
    return KeySpan.of(k(s), e.isEmpty() ? Bytes.EMPTY : k(e));
  }

  private final FakePd pd = new FakePd();

  {
    pd.regions =
        new ArrayList<>(
            List.of(
                region(1, "", "d", 1, 1),
                region(2, "d", "h", 1, 2),
                region(3, "h", "p", 1, 3),
                region(4, "p", "", 1, 1)));
  }

  @Test
  void coversARangeFromPdOnceThenFromTheCache() throws PdException {
    RegionCache cache = new RegionCache(pd, 100);
    assertThat(cache.regionsIn(span("e", "q")))
        .extracting(RegionInfo::id)
        .containsExactly(2L, 3L, 4L);
    assertThat(cache.regionsIn(span("f", "j"))).extracting(RegionInfo::id).containsExactly(2L, 3L);
    assertThat(pd.scans).isEqualTo(1);
    // Not covered: region 1 was never loaded.
    assertThat(cache.regionsIn(span("a", "e"))).extracting(RegionInfo::id).containsExactly(1L, 2L);
    assertThat(pd.scans).isEqualTo(2);
  }

  @Test
  void pagesThroughPdWithTheScanLimit() throws PdException {
    RegionCache cache = new RegionCache(pd, 2);
    assertThat(cache.regionsIn(KeySpan.all()))
        .extracting(RegionInfo::id)
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(pd.scans).isEqualTo(2);
    assertThat(cache.size()).isEqualTo(4);
  }

  @Test
  void invalidatedRegionsAreLoadedAgainAndReplaceTheirParents() throws PdException {
    RegionCache cache = new RegionCache(pd, 100);
    cache.regionsIn(KeySpan.all());
    // Region 3 splits at "l": PD now knows 3 [h, l) and 5 [l, p), version 2.
    pd.regions.set(2, region(3, "h", "l", 2, 3));
    pd.regions.add(3, region(5, "l", "p", 2, 3));
    assertThat(cache.regionsIn(span("i", "m"))).extracting(RegionInfo::version).containsExactly(1L);
    cache.invalidate(span("i", "j"));
    assertThat(cache.regionsIn(span("i", "m"))).extracting(RegionInfo::id).containsExactly(3L, 5L);
    assertThat(cache.size()).isEqualTo(5);
  }

  @Test
  void leaveGapsPdDoesNotKnow() throws PdException {
    pd.regions.remove(1);
    RegionCache cache = new RegionCache(pd, 100);
    assertThat(cache.regionsIn(span("a", "j"))).extracting(RegionInfo::id).containsExactly(1L, 3L);
  }

  @Test
  void locatesKeysAndUpdatesLeaders() throws PdException {
    RegionCache cache = new RegionCache(pd, 100);
    RegionInfo r = cache.locate(k("e"));
    assertThat(r.id()).isEqualTo(2);
    cache.locate(k("f"));
    assertThat(pd.gets).isEqualTo(1);
    cache.updateLeader(r, 3);
    assertThat(cache.locate(k("e")).leader().storeId()).isEqualTo(3);
    assertThat(pd.gets).isEqualTo(1);
    pd.regions.clear();
    assertThatThrownBy(() -> cache.locate(k("zz")))
        .isInstanceOf(PdException.class)
        .hasMessageContaining("no region");
  }

  @Test
  void cachesStoreAddressesUntilInvalidated() throws PdException {
    RegionCache cache = new RegionCache(pd, 100);
    assertThat(cache.storeAddress(2)).isEqualTo("127.0.0.1:20162");
    cache.storeAddress(2);
    assertThat(pd.storeGets).isEqualTo(1);
    cache.invalidateStore(2);
    pd.down = true;
    assertThatThrownBy(() -> cache.storeAddress(2)).isInstanceOf(PdException.class);
  }
}
