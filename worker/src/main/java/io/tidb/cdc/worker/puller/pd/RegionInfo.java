package io.tidb.cdc.worker.puller.pd;

import io.tidb.cdc.kvproto.Metapb;
import io.tidb.cdc.worker.event.KeySpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A region as PD describes it, with raw boundaries.
 *
 * @param id region id
 * @param span raw key range
 * @param confVer epoch: membership changes
 * @param version epoch: splits and merges
 * @param peers every replica
 * @param leader the leader replica, or {@link Peer#NONE} when PD knows none
 */
public record RegionInfo(
    long id, KeySpan span, long confVer, long version, List<Peer> peers, Peer leader) {
  /** One replica of a region. */
  public record Peer(long id, long storeId) {
    public static final Peer NONE = new Peer(0, 0);

    static Peer of(Metapb.Peer p) {
      return new Peer(p.getId(), p.getStoreId());
    }

    public Metapb.Peer toProto() {
      return Metapb.Peer.newBuilder().setId(id).setStoreId(storeId).build();
    }
  }

  public RegionInfo {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(leader, "leader");
    peers = List.copyOf(peers);
  }

  /**
   * The region of a PD answer.
   *
   * @throws PdException when a boundary is not memcomparable-encoded
   */
  public static RegionInfo of(Metapb.Region region, Metapb.Peer leader) throws PdException {
    KeySpan span;
    try {
      span = EncodedKeys.decodeSpan(region.getStartKey(), region.getEndKey());
    } catch (IllegalArgumentException e) {
      throw new PdException("region " + region.getId() + ": " + e.getMessage(), e);
    }
    List<Peer> peers = new ArrayList<>(region.getPeersCount());
    region.getPeersList().forEach(p -> peers.add(Peer.of(p)));
    Peer l = leader == null || leader.getStoreId() == 0 ? Peer.NONE : Peer.of(leader);
    return new RegionInfo(
        region.getId(),
        span,
        region.getRegionEpoch().getConfVer(),
        region.getRegionEpoch().getVersion(),
        peers,
        l);
  }

  public boolean hasLeader() {
    return leader.storeId() != 0;
  }

  public Metapb.RegionEpoch epoch() {
    return Metapb.RegionEpoch.newBuilder().setConfVer(confVer).setVersion(version).build();
  }

  /** The same region led by the replica on {@code storeId}, if it has one there. */
  public Optional<RegionInfo> withLeaderOn(long storeId) {
    return peers.stream()
        .filter(p -> p.storeId() == storeId)
        .findFirst()
        .map(p -> new RegionInfo(id, span, confVer, version, peers, p));
  }

  @Override
  public String toString() {
    return "region "
        + id
        + " "
        + span
        + " epoch "
        + confVer
        + "/"
        + version
        + " leader store "
        + leader.storeId();
  }
}
