package io.tidb.cdc.tidb.key;

/** A decoded record (row) key {@code t{tableId}_r{handle}}. */
public record RecordKey(long tableId, Handle handle) {
  public byte[] encode() {
    return TableKeys.recordKey(tableId, handle);
  }
}
