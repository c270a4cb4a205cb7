package io.tidb.cdc.sim.cdc;

import io.tidb.cdc.kvproto.Cdcpb;

/**
 * One subscription (region, request id) on one stream. Its state moves INITIALIZING (scan running,
 * live events already flowing) → NORMAL (INITIALIZED sent, resolved ts flowing) → STOPPED; every
 * send checks the state under the same monitor, so nothing follows the error that stopped it.
 */
final class Downstream {
  enum State {
    INITIALIZING,
    NORMAL,
    STOPPED
  }

  private final FeedConnection conn;
  private final long regionId;
  private final long requestId;
  private final long checkpointTs;
  private final boolean oldValue;
  private final ObservedRange range;
  private State state = State.INITIALIZING;

  Downstream(
      FeedConnection conn,
      long regionId,
      long requestId,
      long checkpointTs,
      boolean oldValue,
      ObservedRange range) {
    this.conn = conn;
    this.regionId = regionId;
    this.requestId = requestId;
    this.checkpointTs = checkpointTs;
    this.oldValue = oldValue;
    this.range = range;
  }

  FeedConnection conn() {
    return conn;
  }

  long regionId() {
    return regionId;
  }

  long requestId() {
    return requestId;
  }

  long checkpointTs() {
    return checkpointTs;
  }

  boolean wantsOldValue() {
    return oldValue;
  }

  ObservedRange range() {
    return range;
  }

  FeedConnection.SubKey key() {
    return conn.keyOf(regionId, requestId);
  }

  synchronized boolean isStopped() {
    return state == State.STOPPED;
  }

  synchronized boolean isNormal() {
    return state == State.NORMAL;
  }

  /** Sends an event unless the subscription has stopped. */
  synchronized boolean send(Cdcpb.Event event) {
    if (state == State.STOPPED) {
      return false;
    }
    conn.enqueue(event);
    return true;
  }

  /** Sends INITIALIZED and lets resolved ts flow. */
  synchronized void initialized() {
    if (state == State.INITIALIZING) {
      conn.enqueue(EventRows.initialized(regionId, requestId));
      state = State.NORMAL;
    }
  }

  /** Stops the subscription, sending {@code error} (if not null) as its last event. */
  synchronized boolean stop(Cdcpb.Error error) {
    if (state == State.STOPPED) {
      return false;
    }
    state = State.STOPPED;
    if (error != null) {
      conn.enqueue(EventFeedErrors.event(regionId, requestId, error));
    }
    return true;
  }
}
