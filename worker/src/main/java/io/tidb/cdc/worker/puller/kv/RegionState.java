package io.tidb.cdc.worker.puller.kv;

import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.Kvrpcpb;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.matcher.MatcherConfig;
import io.tidb.cdc.worker.matcher.RegionMatcher;
import io.tidb.cdc.worker.puller.pd.EncodedKeys;
import io.tidb.cdc.worker.puller.pd.RegionInfo;

/**
 * One attempt to subscribe one region for one span: the request id it was sent under, the range it
 * locked, the checkpoint it started from and the matcher of its events. Created by the scheduler;
 * from then on touched only by its span's worker thread (through the stream's routing maps and the
 * worker queue, which publish it safely).
 */
final class RegionState {
  /** Where matched rows go. */
  interface RowSink {
    void deliver(RegionState state, RawKvEvent event);
  }

  final SpanState span;
  final RegionInfo region;
  final KeySpan range;
  final long requestId;
  final long checkpointTs;

  /** Failed attempts in a row before this one (0 after an attempt that got INITIALIZED). */
  final int attempt;

  private RegionMatcher matcher;

  /** The stream it was sent on; set before the request goes out. */
  volatile FeedStream stream;

  /** Worker thread only: the attempt ended (error, span closed); its events are dropped. */
  boolean done;

  private RegionState(
      SpanState span,
      RegionInfo region,
      KeySpan range,
      long requestId,
      long checkpointTs,
      int attempt) {
    this.span = span;
    this.region = region;
    this.range = range;
    this.requestId = requestId;
    this.checkpointTs = checkpointTs;
    this.attempt = attempt;
  }

  static RegionState create(
      SpanState span,
      RegionInfo region,
      KeySpan range,
      long requestId,
      long checkpointTs,
      int attempt,
      MatcherConfig matcherConfig,
      RowSink sink) {
    RegionState s = new RegionState(span, region, range, requestId, checkpointTs, attempt);
    s.matcher =
        new RegionMatcher(matcherConfig, region.id(), checkpointTs, e -> sink.deliver(s, e));
    return s;
  }

  RegionMatcher matcher() {
    return matcher;
  }

  long regionId() {
    return region.id();
  }

  Cdcpb.ChangeDataRequest request(long clusterId, OldValueMode oldValues) {
    return Cdcpb.ChangeDataRequest.newBuilder()
        .setHeader(
            Cdcpb.Header.newBuilder()
                .setClusterId(clusterId)
                .setTicdcVersion(KvPuller.CLIENT_VERSION))
        .setRegionId(region.id())
        .setRegionEpoch(region.epoch())
        .setCheckpointTs(checkpointTs)
        .setStartKey(EncodedKeys.encode(range.start()))
        .setEndKey(EncodedKeys.encode(range.end()))
        .setRequestId(requestId)
        .setExtraOp(
            oldValues == OldValueMode.WITH_OLD_VALUE
                ? Kvrpcpb.ExtraOp.ReadOldValue
                : Kvrpcpb.ExtraOp.Noop)
        .setRegister(Cdcpb.ChangeDataRequest.Register.getDefaultInstance())
        .build();
  }

  @Override
  public String toString() {
    return "region "
        + region.id()
        + " v"
        + region.version()
        + " "
        + range
        + " (request "
        + requestId
        + ", store "
        + region.leader().storeId()
        + ", from ts "
        + checkpointTs
        + ")";
  }
}
