package io.tidb.cdc.sim.mvcc;

import com.google.protobuf.ByteString;
import java.util.Objects;

/** One key a transaction writes: a put with a value or a delete (empty value). */
public record Mutation(ByteString key, LockOp op, ByteString value) {
  public Mutation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("a mutation needs a non-empty key");
    }
    if (op == LockOp.DELETE && !value.isEmpty()) {
      throw new IllegalArgumentException("a delete carries no value");
    }
  }

  public static Mutation put(ByteString key, ByteString value) {
    return new Mutation(key, LockOp.PUT, value);
  }

  public static Mutation delete(ByteString key) {
    return new Mutation(key, LockOp.DELETE, ByteString.EMPTY);
  }
}
