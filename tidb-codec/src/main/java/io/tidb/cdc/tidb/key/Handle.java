package io.tidb.cdc.tidb.key;

import io.tidb.cdc.tidb.codec.ByteReader;
import io.tidb.cdc.tidb.codec.Datum;
import io.tidb.cdc.tidb.codec.DatumCodec;
import io.tidb.cdc.tidb.codec.NumberCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A row handle: the part of a record key after {@code t{tableID}_r}. Tables without a clustered
 * primary key (or with an integer one, {@code pk_is_handle}) use an {@link IntHandle}; clustered
 * tables with any other primary key use a {@link CommonHandle}.
 */
public sealed interface Handle {

  /** The bytes this handle contributes to a record key ({@code kv.Handle.Encoded()}). */
  byte[] encoded();

  /** An int64 handle, encoded as {@code EncodeInt} (8 bytes, no flag). */
  record IntHandle(long value) implements Handle {
    @Override
    public byte[] encoded() {
      return NumberCodec.encodeInt(value);
    }
  }

  /**
   * A clustered-index handle: the primary-key column values encoded with {@code EncodeKey}. String
   * columns under a new (non-binary) collation carry a sort key here, not the original value.
   */
  record CommonHandle(byte[] encoded) implements Handle {
    public CommonHandle {
      encoded = encoded.clone();
      if (encoded.length == 0) {
        throw new IllegalArgumentException("common handle must hold at least one column");
      }
    }

    /** Builds a handle from primary-key column datums, in index column order. */
    public static CommonHandle of(Datum... pkValues) {
      return new CommonHandle(DatumCodec.encodeKey(pkValues));
    }

    /** Builds a handle from primary-key column datums, in index column order. */
    public static CommonHandle of(List<? extends Datum> pkValues) {
      return new CommonHandle(DatumCodec.encodeKey(pkValues));
    }

    @Override
    public byte[] encoded() {
      return encoded.clone();
    }

    /** The encoded bytes of each primary-key column ({@code EncodedCol(i)}). */
    public List<byte[]> encodedColumns() {
      ByteReader in = new ByteReader(encoded);
      List<byte[]> cols = new ArrayList<>();
      while (in.hasRemaining()) {
        cols.add(DatumCodec.cutOne(in));
      }
      return cols;
    }

    /** The primary-key column values as datums. */
    public List<Datum> datums() {
      return DatumCodec.decodeAll(encoded);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CommonHandle h && Arrays.equals(h.encoded, encoded);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
      return "CommonHandle[" + HexFormat.of().formatHex(encoded) + "]";
    }
  }
}
