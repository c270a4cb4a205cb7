package io.tidb.cdc.worker.encoder;

import io.tidb.cdc.worker.mounter.RowChange;
import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * TiCDC's transaction encoder: the row messages of one table's transaction joined into one message,
 * each followed by a terminator (TiCDC's default is CRLF). Storage sinks write such batches; a
 * batch never mixes commit ts or tables.
 */
public final class TxnBatcher {
  /** TiCDC's default line terminator for storage sinks. */
  public static final byte[] CRLF = {'\r', '\n'};

  private final Encoder encoder;
  private final byte[] terminator;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  private int rows;
  private long commitTs;
  private long physicalTableId;
  private String schema = "";
  private String table = "";

  public TxnBatcher(Encoder encoder, byte[] terminator) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.terminator = terminator.clone();
  }

  /**
   * Adds a row of the current transaction.
   *
   * @throws IllegalArgumentException when the row belongs to another transaction or table than the
   *     rows already added
   */
  public void append(RowChange row) {
    if (rows > 0 && (row.commitTs() != commitTs || row.physicalTableId() != physicalTableId)) {
      throw new IllegalArgumentException(
          "row "
              + row
              + " does not belong to the batch of table "
              + physicalTableId
              + " at commit ts "
              + commitTs
              + "; build() the batch first");
    }
    Message m = encoder.encodeRow(row);
    buf.writeBytes(m.value());
    buf.writeBytes(terminator);
    if (rows == 0) {
      commitTs = row.commitTs();
      physicalTableId = row.physicalTableId();
      schema = row.schemaName();
      table = row.tableName();
    }
    rows++;
  }

  public boolean isEmpty() {
    return rows == 0;
  }

  /** The batch as one message, and a fresh start; null when nothing was added. */
  public Message build() {
    if (rows == 0) {
      return null;
    }
    Message m =
        new Message(MessageKind.ROW, schema, table, commitTs, rows, null, buf.toByteArray());
    buf.reset();
    rows = 0;
    return m;
  }
}
