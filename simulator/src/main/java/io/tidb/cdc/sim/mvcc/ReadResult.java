package io.tidb.cdc.sim.mvcc;

import com.google.protobuf.ByteString;

/** The outcome of reading one key at a snapshot ts. */
public sealed interface ReadResult {
  ByteString key();

  record Found(ByteString key, ByteString value) implements ReadResult {}

  record NotFound(ByteString key) implements ReadResult {}

  /** A lock with {@code startTs <= readTs} hides the value (TiKV {@code KeyIsLocked}). */
  record Locked(ByteString key, Lock lock) implements ReadResult {}
}
