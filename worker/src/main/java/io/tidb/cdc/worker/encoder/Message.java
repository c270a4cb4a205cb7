package io.tidb.cdc.worker.encoder;

import java.util.Objects;

/**
 * One encoded message: what it carries, the table it belongs to (empty names for watermarks and
 * database DDL), the commit ts (the watermark ts for watermarks), how many rows it holds, and its
 * key (null when the protocol has none) and value. The byte arrays are owned by the message and
 * must not be modified; they are not copied, to keep encoding cheap.
 */
public record Message(
    MessageKind kind,
    String schema,
    String table,
    long commitTs,
    int rowCount,
    byte[] key,
    byte[] value) {

  public Message {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    schema = schema == null ? "" : schema;
    table = table == null ? "" : table;
    if (rowCount < 0) {
      throw new IllegalArgumentException("rowCount " + rowCount + " is negative");
    }
  }

  /** Key plus value bytes, what a sink counts as the message's size. */
  public int length() {
    return value.length + (key == null ? 0 : key.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m
        && kind == m.kind
        && schema.equals(m.schema)
        && table.equals(m.table)
        && commitTs == m.commitTs
        && rowCount == m.rowCount
        && java.util.Arrays.equals(key, m.key)
        && java.util.Arrays.equals(value, m.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, schema, table, commitTs, rowCount)
        + 31 * java.util.Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return kind
        + " "
        + schema
        + "."
        + table
        + " commitTs="
        + commitTs
        + " rows="
        + rowCount
        + " bytes="
        + length();
  }
}
