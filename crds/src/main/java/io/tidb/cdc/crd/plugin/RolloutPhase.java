package io.tidb.cdc.crd.plugin;

/** Phase of a plugin version rollout; the names are the JSON values. */
public enum RolloutPhase {
  Idle,
  Prepare,
  Pause,
  Commit,
  Failed
}
