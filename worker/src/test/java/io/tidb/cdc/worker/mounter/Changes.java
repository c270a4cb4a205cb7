package io.tidb.cdc.worker.mounter;

import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.row.Cell;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.row.RowV2;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import java.util.ArrayList;
import java.util.List;

/** Raw changes as the matcher releases them, with keys and rows encoded by tidb-codec. */
final class Changes {
  private Changes() {}

  static byte[] rowV2(Object... idValuePairs) {
    return RowV2.encode(cells(idValuePairs));
  }

  static List<Cell> cells(Object... idValuePairs) {
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < idValuePairs.length; i += 2) {
      cells.add(
          new Cell(((Number) idValuePairs[i]).longValue(), (ColumnValue) idValuePairs[i + 1]));
    }
    return cells;
  }

  static RawKvEvent put(byte[] key, byte[] value, byte[] oldValue, long commitTs) {
    return new RawKvEvent(
        OpType.PUT,
        Bytes.copyOf(key),
        Bytes.copyOf(value),
        Bytes.copyOf(oldValue),
        commitTs - 5,
        commitTs,
        1);
  }

  static RawKvEvent insert(long tableId, long handle, byte[] value, long commitTs) {
    return put(TableKeys.recordKey(tableId, handle), value, new byte[0], commitTs);
  }

  static RawKvEvent delete(byte[] key, byte[] oldValue, long commitTs) {
    return new RawKvEvent(
        OpType.DELETE,
        Bytes.copyOf(key),
        Bytes.EMPTY,
        Bytes.copyOf(oldValue),
        commitTs - 5,
        commitTs,
        1);
  }

  static byte[] key(long tableId, Handle handle) {
    return TableKeys.recordKey(tableId, handle);
  }

  static RowChange row(MountResult r) {
    if (r instanceof MountResult.Row row) {
      return row.change();
    }
    throw new AssertionError("expected a row change, got " + r);
  }

  static ColumnValue.Int i(long v) {
    return new ColumnValue.Int(v);
  }

  static ColumnValue.Bytes s(String v) {
    return ColumnValue.Bytes.utf8(v);
  }
}
