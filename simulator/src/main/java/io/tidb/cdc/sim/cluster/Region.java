package io.tidb.cdc.sim.cluster;

import com.google.protobuf.ByteString;
import io.tidb.cdc.kvproto.Metapb;
import io.tidb.cdc.sim.mvcc.Keys;
import io.tidb.cdc.tidb.codec.MemComparable;
import java.util.List;
import java.util.Optional;

/**
 * An immutable view of a region: its key range, epoch, peers and leader. Keys are held raw (as
 * transactions and CDC rows carry them) and memcomparable-encoded (as PD and region errors carry
 * them for transactional data); an empty end key means +infinity.
 */
public final class Region {
  private final long id;
  private final ByteString start;
  private final ByteString end;
  private final long confVer;
  private final long version;
  private final List<Peer> peers;
  private final Peer leader;
  private final Metapb.Region meta;

  public Region(
      long id,
      ByteString start,
      ByteString end,
      long confVer,
      long version,
      List<Peer> peers,
      long leaderStoreId) {
    if (!end.isEmpty() && Keys.ORDER.compare(start, end) >= 0) {
      throw new IllegalArgumentException(
          "region "
              + id
              + " start "
              + Keys.describe(start)
              + " is not below end "
              + Keys.describe(end));
    }
    this.id = id;
    this.start = start;
    this.end = end;
    this.confVer = confVer;
    this.version = version;
    this.peers = List.copyOf(peers);
    this.leader =
        this.peers.stream()
            .filter(p -> p.storeId() == leaderStoreId)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "region " + id + " has no peer on leader store " + leaderStoreId));
    Metapb.Region.Builder b =
        Metapb.Region.newBuilder()
            .setId(id)
            .setStartKey(encode(start))
            .setEndKey(encode(end))
            .setRegionEpoch(
                Metapb.RegionEpoch.newBuilder().setConfVer(confVer).setVersion(version));
    this.peers.forEach(p -> b.addPeers(p.toProto()));
    this.meta = b.build();
  }

  /** TiKV/PD boundary encoding: empty stays empty (unbounded), else TiDB's EncodeBytes. */
  public static ByteString encode(ByteString rawKey) {
    return rawKey.isEmpty()
        ? ByteString.EMPTY
        : ByteString.copyFrom(MemComparable.encodeBytes(rawKey.toByteArray()));
  }

  public long id() {
    return id;
  }

  /** Raw start key (inclusive). */
  public ByteString start() {
    return start;
  }

  /** Raw end key (exclusive), empty for +infinity. */
  public ByteString end() {
    return end;
  }

  public long confVer() {
    return confVer;
  }

  public long version() {
    return version;
  }

  public List<Peer> peers() {
    return peers;
  }

  public Peer leader() {
    return leader;
  }

  public Optional<Peer> peerOn(long storeId) {
    return peers.stream().filter(p -> p.storeId() == storeId).findFirst();
  }

  /** True if the raw key lies in this region. */
  public boolean contains(ByteString rawKey) {
    return Keys.inRange(rawKey, start, end);
  }

  /** The region as PD and TiKV describe it, with encoded boundaries. */
  public Metapb.Region meta() {
    return meta;
  }

  public Metapb.RegionEpoch epoch() {
    return meta.getRegionEpoch();
  }

  public Region withLeader(long storeId) {
    return new Region(id, start, end, confVer, version, peers, storeId);
  }

  Region withRangeAndEpoch(ByteString newStart, ByteString newEnd, long newConfVer, long newVer) {
    return new Region(id, newStart, newEnd, newConfVer, newVer, peers, leader.storeId());
  }

  @Override
  public String toString() {
    return "Region{id="
        + id
        + ", ["
        + Keys.describe(start)
        + ", "
        + (end.isEmpty() ? "+inf" : Keys.describe(end))
        + "), epoch="
        + confVer
        + "/"
        + version
        + ", leader store="
        + leader.storeId()
        + "}";
  }
}
