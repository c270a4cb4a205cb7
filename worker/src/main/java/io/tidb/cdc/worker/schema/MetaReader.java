package io.tidb.cdc.worker.schema;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Snapshot reads of raw TiKV keys, as the schema loader needs them for TiDB's meta keys. The
 * puller's KV client implements it; tests implement it over an in-memory map.
 */
public interface MetaReader {
  /** The value of {@code key} committed at or before {@code ts}; empty if none or deleted. */
  Optional<Bytes> get(Bytes key, long ts) throws MetaReadException;

  /** Every live key in {@code span} at {@code ts}, in key order. */
  List<KeyValue> scan(KeySpan span, long ts) throws MetaReadException;

  /** One key and its value. */
  record KeyValue(Bytes key, Bytes value) {
    public KeyValue {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }
}
