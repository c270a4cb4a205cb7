package io.tidb.cdc.worker.matcher;

import com.google.protobuf.ByteString;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.Cdcpb.Event.LogType;
import io.tidb.cdc.kvproto.Cdcpb.Event.Row.OpType;

/** Builders for EventFeed rows as TiKV sends them. */
final class Rows {
  private Rows() {}

  static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  static Cdcpb.Event.Row prewrite(long startTs, String key, String value, String oldValue) {
    return row(LogType.PREWRITE, startTs, 0, OpType.PUT, key)
        .setValue(b(value))
        .setOldValue(b(oldValue))
        .build();
  }

  static Cdcpb.Event.Row prewriteDelete(long startTs, String key, String oldValue) {
    return row(LogType.PREWRITE, startTs, 0, OpType.DELETE, key).setOldValue(b(oldValue)).build();
  }

  /** The empty-valued prewrite TiKV sends for a transaction heartbeat. */
  static Cdcpb.Event.Row heartbeat(long startTs, String key, String oldValue) {
    return row(LogType.PREWRITE, startTs, 0, OpType.PUT, key).setOldValue(b(oldValue)).build();
  }

  static Cdcpb.Event.Row commit(long startTs, long commitTs, String key) {
    return row(LogType.COMMIT, startTs, commitTs, OpType.PUT, key).build();
  }

  static Cdcpb.Event.Row commit(long startTs, long commitTs, String key, OpType op) {
    return row(LogType.COMMIT, startTs, commitTs, op, key).build();
  }

  static Cdcpb.Event.Row rollback(long startTs, String key) {
    return row(LogType.ROLLBACK, startTs, 0, OpType.UNKNOWN, key).build();
  }

  static Cdcpb.Event.Row committed(
      long startTs, long commitTs, String key, String value, String oldValue) {
    return row(LogType.COMMITTED, startTs, commitTs, OpType.PUT, key)
        .setValue(b(value))
        .setOldValue(b(oldValue))
        .build();
  }

  static Cdcpb.Event.Row initialized() {
    return Cdcpb.Event.Row.newBuilder().setType(LogType.INITIALIZED).build();
  }

  private static Cdcpb.Event.Row.Builder row(
      LogType type, long startTs, long commitTs, OpType op, String key) {
    return Cdcpb.Event.Row.newBuilder()
        .setType(type)
        .setStartTs(startTs)
        .setCommitTs(commitTs)
        .setOpType(op)
        .setKey(b(key));
  }
}
