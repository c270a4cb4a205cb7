package io.tidb.cdc.sim.mvcc;

import com.google.protobuf.ByteString;
import java.util.Objects;

/**
 * A record in the write column family. A rollback record has {@code commitTs == startTs}, as in
 * TiKV.
 *
 * @param value the committed value for {@link WriteType#PUT}, empty otherwise
 */
public record Write(long startTs, long commitTs, WriteType type, ByteString value) {
  public Write {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }

  /** True for records that change the visible value of the key (put and delete). */
  public boolean isDataChange() {
    return type == WriteType.PUT || type == WriteType.DELETE;
  }
}
