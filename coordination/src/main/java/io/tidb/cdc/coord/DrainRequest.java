package io.tidb.cdc.coord;

/**
 * The operator's request that a capture give up its tables before it stops (scale-down, rolling
 * restart). Placement stops giving it tables and moves its tables to the others; the capture
 * flushes each table it loses and exits its tables' pipelines.
 *
 * @param capture the leaving capture
 * @param requestedAtMillis when the drain started
 * @param deadlineMillis when the operator stops waiting and lets the pod go anyway
 */
public record DrainRequest(String capture, long requestedAtMillis, long deadlineMillis) {}
