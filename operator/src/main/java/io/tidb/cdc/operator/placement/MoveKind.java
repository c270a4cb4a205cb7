package io.tidb.cdc.operator.placement;

/**
 * Why a table changed hands. A table's placement follows these transitions:
 *
 * <pre>
 * unplaced ──PLACE──────────▶ assigned (a new table, no position yet)
 * assigned ──RELEASE────────▶ releasing (phase 1: removed from its owner's assignment because the
 *                                        owner drains or balance needs the move)
 * releasing ─HANDOVER───────▶ assigned (phase 2: the old owner wrote its final position, capture=null)
 * releasing ─FORCED─────────▶ assigned (the old owner did not release within the drain timeout)
 * assigned/releasing ─RECOVER▶ assigned (the last writer's capture is gone: lease expired or restarted)
 * </pre>
 */
public enum MoveKind {
  /** A table without a position goes to a capture for the first time. */
  PLACE,
  /** Phase 1: the table leaves its live owner's assignment; nobody gets it until it is released. */
  RELEASE,
  /** Phase 2: a released table goes to its new owner. */
  HANDOVER,
  /** The table's last writer is no longer a live capture; it goes to a new owner at once. */
  RECOVER,
  /** The old owner kept the table past the drain timeout; it goes to a new owner anyway. */
  FORCED
}
