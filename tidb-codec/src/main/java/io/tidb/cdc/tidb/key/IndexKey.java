package io.tidb.cdc.tidb.key;

import io.tidb.cdc.tidb.codec.Datum;
import io.tidb.cdc.tidb.codec.DatumCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A decoded index key: the table and index, the encoded bytes of each indexed column (key form),
 * and the row handle when the key carries one (non-unique indexes, or unique ones with a NULL).
 */
public record IndexKey(
    long tableId, long indexId, List<byte[]> encodedValues, Optional<Handle> handle) {
  public IndexKey {
    encodedValues = List.copyOf(encodedValues);
  }

  /** The indexed column values as datums. */
  public List<Datum> values() {
    List<Datum> out = new ArrayList<>(encodedValues.size());
    for (byte[] v : encodedValues) {
      out.addAll(DatumCodec.decodeAll(v));
    }
    return out;
  }
}
