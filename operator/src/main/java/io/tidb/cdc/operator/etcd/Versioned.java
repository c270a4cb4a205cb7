package io.tidb.cdc.operator.etcd;

/** A decoded etcd value with the revisions of its key. */
public record Versioned<T>(T value, long createRevision, long modRevision) {}
