package io.tidb.cdc.operator.cluster;

/**
 * Where a scale-down stands. Transitions:
 *
 * <pre>
 * NONE ──spec.replicas lowered──▶ DRAINING ──every leaving capture has no tables (or is gone)──▶ DRAINED
 *                                   │                                                        │
 *                                   └──the drain deadline passed──▶ TIMED_OUT                │
 * DRAINED / TIMED_OUT ──StatefulSet scaled down──▶ NONE ◀────────────────────────────────────┘
 * DRAINING ──spec.replicas raised again──▶ NONE (the operator's drain requests are withdrawn)
 * </pre>
 */
public enum DrainPhase {
  /** No scale-down in progress. */
  NONE,
  /** Leaving captures are handing their tables over; the StatefulSet keeps its replicas. */
  DRAINING,
  /** Every leaving capture is empty: the StatefulSet is scaled down now. */
  DRAINED,
  /** A leaving capture kept tables past the deadline: the StatefulSet is scaled down anyway. */
  TIMED_OUT
}
