package io.tidb.cdc.tidb.codec;

/**
 * The first byte of every datum TiDB encodes in keys and in row format v1 ({@code util/codec}). Key
 * encoding uses the memcomparable flags ({@link #BYTES}, {@link #INT}, {@link #UINT}); value
 * encoding uses the compact ones ({@link #COMPACT_BYTES}, {@link #VARINT}, {@link #UVARINT}).
 */
public final class DatumFlag {
  public static final int NIL = 0;
  public static final int BYTES = 1;
  public static final int COMPACT_BYTES = 2;
  public static final int INT = 3;
  public static final int UINT = 4;
  public static final int FLOAT = 5;
  public static final int DECIMAL = 6;
  public static final int DURATION = 7;
  public static final int VARINT = 8;
  public static final int UVARINT = 9;
  public static final int JSON = 10;
  public static final int VECTOR_FLOAT32 = 20;
  public static final int MAX = 250;

  /** {@code IntHandleFlag}: the flag in front of an int handle appended to an index key. */
  public static final int INT_HANDLE = INT;

  private DatumFlag() {}
}
