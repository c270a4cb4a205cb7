package io.tidb.cdc.worker.encoder;

import io.tidb.cdc.worker.mounter.RowChange;
import java.util.Optional;

/**
 * Turns changes into messages of one protocol. Implementations are stateless and thread-safe, so
 * callers may encode on their own threads; batching is a separate concern ({@link TxnBatcher}).
 */
public interface Encoder {
  Protocol protocol();

  /**
   * One row change as one message.
   *
   * @throws EncodeException when the row cannot be expressed in the protocol
   */
  Message encodeRow(RowChange row);

  /** One DDL as one message. */
  Message encodeDdl(DdlEvent ddl);

  /**
   * A watermark message saying everything at or below {@code ts} was sent, for protocols (or
   * configurations) that have one; empty otherwise.
   */
  Optional<Message> encodeWatermark(long ts);
}
