package io.tidb.cdc.worker.encoder;

/** What an encoded message carries. */
public enum MessageKind {
  /** One or more row changes. */
  ROW,
  /** One DDL statement. */
  DDL,
  /** A watermark: everything at or below its ts has been sent (TiCDC's resolved event). */
  WATERMARK
}
