package io.tidb.cdc.worker.puller.pd;

import com.google.protobuf.ByteString;
import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.codec.MemComparable;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;

/**
 * Region boundaries of transactional data are memcomparable-encoded raw keys in PD, in region
 * errors and in EventFeed requests; events and spans use raw keys. The empty key (the start of the
 * key space, or +infinity as an end) is the same in both forms.
 */
public final class EncodedKeys {
  private EncodedKeys() {}

  public static ByteString encode(Bytes raw) {
    return raw.isEmpty()
        ? ByteString.EMPTY
        : ByteString.copyFrom(MemComparable.encodeBytes(raw.toByteArray()));
  }

  /**
   * The raw key of an encoded boundary.
   *
   * @throws IllegalArgumentException when {@code encoded} is not a memcomparable byte string
   */
  public static Bytes decode(ByteString encoded) {
    if (encoded.isEmpty()) {
      return Bytes.EMPTY;
    }
    try {
      return Bytes.copyOf(MemComparable.decodeBytes(encoded.toByteArray()));
    } catch (CodecException e) {
      throw new IllegalArgumentException(
          "region boundary "
              + Bytes.of(encoded)
              + " is not memcomparable-encoded: "
              + e.getMessage(),
          e);
    }
  }

  /** The raw span of an encoded {@code [start, end)}. */
  public static KeySpan decodeSpan(ByteString start, ByteString end) {
    return KeySpan.of(decode(start), decode(end));
  }
}
