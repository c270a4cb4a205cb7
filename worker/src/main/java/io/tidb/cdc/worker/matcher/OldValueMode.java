package io.tidb.cdc.worker.matcher;

/** Whether the changefeed asked TiKV for old values (and so whether evicted rows need them). */
public enum OldValueMode {
  WITH_OLD_VALUE,
  WITHOUT_OLD_VALUE
}
