package io.tidb.cdc.worker.puller;

/** Why a region subscription ended or could not start; the label of the error counters. */
public enum RegionErrorKind {
  /** The store is no longer the region's leader; retried on the new leader. */
  NOT_LEADER,
  /** The region split or merged; its range is reloaded from PD. */
  EPOCH_NOT_MATCH,
  /** The store does not hold the region (or refused it, e.g. while busy); range reloaded. */
  REGION_NOT_FOUND,
  /** The store answered ServerIsBusy (KV reads); retried after a back-off. */
  SERVER_IS_BUSY,
  /** The store already serves this region on the stream (no multiplexing); retried. */
  DUPLICATE_REQUEST,
  /** PD knows the region but not its leader (election in progress). */
  NO_LEADER,
  /** The EventFeed stream of the region's store ended or failed. */
  STREAM_BROKEN,
  /** The store's address could not be resolved through PD. */
  STORE_UNREACHABLE,
  /** PD could not be asked for the region. */
  PD_UNAVAILABLE,
  /** The region's events broke the Percolator protocol (see the matcher); re-subscribed. */
  PROTOCOL_VIOLATION,
  /** TiKV refused this client's version or API; fatal for the span. */
  COMPATIBILITY,
  /** TiKV belongs to another cluster than PD told; fatal for the span. */
  CLUSTER_ID_MISMATCH;

  /** Whether the span cannot continue after this error. */
  public boolean isFatal() {
    return this == COMPATIBILITY || this == CLUSTER_ID_MISMATCH;
  }
}
