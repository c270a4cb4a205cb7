package io.tidb.cdc.crd.changefeed;

/** The phase the operator reports; the names are the JSON values. */
public enum ChangefeedPhase {
  Pending,
  Normal,
  Warning,
  Paused,
  Failed,
  Finished,
  Stopped
}
