package io.tidb.cdc.worker.event;

/**
 * Whether the changefeed asked TiKV for old values: the matcher then needs them for evicted rows,
 * and the mounter turns a put with an old value into an update and fills pre-images.
 */
public enum OldValueMode {
  WITH_OLD_VALUE,
  WITHOUT_OLD_VALUE
}
