package io.tidb.cdc.worker.matcher;

import com.google.protobuf.ByteString;
import io.tidb.cdc.kvproto.Cdcpb;

/** A prewrite's identity: its transaction's start ts and its key. */
record MatchKey(long startTs, ByteString key) {
  static MatchKey of(Cdcpb.Event.Row row) {
    return new MatchKey(row.getStartTs(), row.getKey());
  }
}
