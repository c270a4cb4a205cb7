package io.tidb.cdc.worker.filter;

/** Whether filter rules compare names case-sensitively (TiCDC's {@code case-sensitive}). */
public enum CaseSensitivity {
  /** The default: {@code App.*} matches database {@code app}. */
  INSENSITIVE,
  SENSITIVE
}
