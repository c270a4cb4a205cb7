package io.tidb.cdc.worker.puller;

import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.event.ResolvedTsEvent;

/**
 * Receives what a {@link Puller} delivers for one subscribed span. All calls for one span come from
 * one thread at a time, in order; a consumer that blocks holds back that thread and, through gRPC
 * flow control, the stores feeding it (this is the puller's back-pressure).
 */
public interface SpanConsumer {
  /** A committed change of the span (commit ts above every resolved ts delivered before it). */
  void onEvent(RawKvEvent event);

  /** Every change of the span committed at or below {@code resolved.resolvedTs()} was delivered. */
  void onResolved(ResolvedTsEvent resolved);

  /**
   * The subscription ended on an error it cannot recover from (cluster id mismatch, an incompatible
   * TiKV, a consumer that threw). Nothing follows.
   */
  default void onFailure(PullerException error) {}
}
