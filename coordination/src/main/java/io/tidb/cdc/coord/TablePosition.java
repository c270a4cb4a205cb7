package io.tidb.cdc.coord;

/**
 * How far one table has got, written by the worker that owns it.
 *
 * @param tableId the physical table id
 * @param checkpointTs everything of the table at or below it is durable in the sink; a new owner
 *     starts here
 * @param resolvedTs everything of the table at or below it has been received
 * @param capture the owner that wrote it
 * @param epoch the placement epoch of the owner's assignment
 */
public record TablePosition(
    long tableId, long checkpointTs, long resolvedTs, String capture, long epoch) {}
