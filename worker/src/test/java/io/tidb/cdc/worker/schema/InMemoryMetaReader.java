package io.tidb.cdc.worker.schema;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** An MVCC key-value map: every key keeps its versions by commit ts; a null value is a delete. */
public final class InMemoryMetaReader implements MetaReader {
  private final NavigableMap<Bytes, NavigableMap<Long, Optional<Bytes>>> data = new TreeMap<>();
  private int reads;

  public void put(byte[] key, byte[] value, long commitTs) {
    data.computeIfAbsent(Bytes.copyOf(key), k -> new TreeMap<>())
        .put(commitTs, Optional.of(Bytes.copyOf(value)));
  }

  public void delete(byte[] key, long commitTs) {
    data.computeIfAbsent(Bytes.copyOf(key), k -> new TreeMap<>()).put(commitTs, Optional.empty());
  }

  /** How many get/scan calls were made. */
  public int reads() {
    return reads;
  }

  @Override
  public Optional<Bytes> get(Bytes key, long ts) {
    reads++;
    NavigableMap<Long, Optional<Bytes>> versions = data.get(key);
    if (versions == null) {
      return Optional.empty();
    }
    Map.Entry<Long, Optional<Bytes>> e = versions.floorEntry(ts);
    return e == null ? Optional.empty() : e.getValue();
  }

  @Override
  public List<KeyValue> scan(KeySpan span, long ts) {
    reads++;
    List<KeyValue> out = new ArrayList<>();
    NavigableMap<Bytes, NavigableMap<Long, Optional<Bytes>>> range =
        span.isUnbounded()
            ? data.tailMap(span.start(), true)
            : data.subMap(span.start(), true, span.end(), false);
    for (Map.Entry<Bytes, NavigableMap<Long, Optional<Bytes>>> e : range.entrySet()) {
      Map.Entry<Long, Optional<Bytes>> v = e.getValue().floorEntry(ts);
      if (v != null && v.getValue().isPresent()) {
        out.add(new KeyValue(e.getKey(), v.getValue().get()));
      }
    }
    return out;
  }
}
