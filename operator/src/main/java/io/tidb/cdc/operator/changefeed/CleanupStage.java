package io.tidb.cdc.operator.changefeed;

/**
 * Where the deletion of a changefeed stands (its finalizer holds the resource meanwhile):
 *
 * <pre>
 * STOP_REQUESTED ─maintainer reports Stopped, or none is left, or the wait ran out─▶ STATE_DELETED
 * STATE_DELETED ─GC safepoint released (or PD unreachable: it expires by its TTL)─▶ DONE
 * any ─etcd unreachable─▶ BLOCKED ─etcd answers─▶ (back where it was)
 * </pre>
 */
public enum CleanupStage {
  /** info.state is stopped; the maintainer is flushing and releasing. */
  STOP_REQUESTED,
  /** The changefeed's etcd prefix is gone. */
  STATE_DELETED,
  /** Finalizer removed; Kubernetes deletes the resource. */
  DONE,
  /** etcd cannot be reached; the finalizer stays and the reconciler retries. */
  BLOCKED
}
