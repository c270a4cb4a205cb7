package io.tidb.cdc.operator.etcd;

/** One etcd key as read, independent of the client library (so snapshots parse in unit tests). */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {}
