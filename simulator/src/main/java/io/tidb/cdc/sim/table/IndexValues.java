package io.tidb.cdc.sim.table;

import io.tidb.cdc.tidb.codec.ByteWriter;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.key.IndexKeys;

/**
 * Index values as TiDB's {@code GenIndexValuePortal} writes them, without the new-collation
 * "restored data" segment (the simulator does not write it, see {@link Strings}).
 *
 * <ul>
 *   <li>int-handle tables (old encoding): a distinct entry holds the handle as 8 bytes big-endian,
 *       any other entry the single byte {@code '0'};
 *   <li>clustered tables ({@code IndexValueForClusteredIndexVersion1}): tail length 0, version flag
 *       125, version 1, and for a distinct entry the common handle segment: flag 127, u16
 *       big-endian length, the encoded handle.
 * </ul>
 */
final class IndexValues {
  static final int INDEX_VERSION_FLAG = 125;
  static final int COMMON_HANDLE_FLAG = 127;

  private IndexValues() {}

  static byte[] of(Handle handle, boolean distinct) {
    if (handle instanceof Handle.IntHandle h) {
      return distinct ? IndexKeys.uniqueIntHandleValue(h.value()) : IndexKeys.nonUniqueValue();
    }
    ByteWriter w = new ByteWriter();
    w.write(0); // tail length: no untouched flag
    w.write(INDEX_VERSION_FLAG);
    w.write(1);
    if (distinct) {
      byte[] encoded = handle.encoded();
      w.write(COMMON_HANDLE_FLAG);
      w.writeBigEndian(encoded.length, 2);
      w.write(encoded);
    }
    return w.toByteArray();
  }

  /** The handle a distinct entry's value points to, for a table of the given handle kind. */
  static Handle handleOf(byte[] value, boolean commonHandle) {
    if (!commonHandle) {
      return new Handle.IntHandle(IndexKeys.intHandleFromValue(value));
    }
    int at = 3;
    if (value.length <= at || (value[at] & 0xFF) != COMMON_HANDLE_FLAG) {
      throw new IllegalArgumentException("index value holds no common handle");
    }
    int length = ((value[at + 1] & 0xFF) << 8) | (value[at + 2] & 0xFF);
    byte[] encoded = java.util.Arrays.copyOfRange(value, at + 3, at + 3 + length);
    return new Handle.CommonHandle(encoded);
  }
}
