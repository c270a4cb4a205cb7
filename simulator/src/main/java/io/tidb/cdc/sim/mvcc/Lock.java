package io.tidb.cdc.sim.mvcc;

import com.google.protobuf.ByteString;
import java.util.Objects;

/**
 * A record in the lock column family: the key is being written by the transaction {@code startTs}
 * whose primary key is {@code primary}. The value of a put lives here until commit (TiKV keeps
 * short values in the lock and long ones in the default column family; the simulator does not need
 * the split).
 *
 * @param value the new value for {@link LockOp#PUT}, empty for {@link LockOp#DELETE}
 * @param txnSize number of keys the transaction writes (as TiKV reports in {@code LockInfo})
 */
public record Lock(
    ByteString primary, long startTs, long ttlMillis, LockOp op, ByteString value, long txnSize) {
  public Lock {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
  }
}
