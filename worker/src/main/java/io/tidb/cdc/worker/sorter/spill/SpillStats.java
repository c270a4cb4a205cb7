package io.tidb.cdc.worker.sorter.spill;

/**
 * A point-in-time view of a {@link SpillingSorter}.
 *
 * @param bufferedEvents events on the heap
 * @param bufferedBytes bytes charged to the quota for them
 * @param runs run files on disk now
 * @param eventsOnDisk events in those runs not yet released
 * @param runsWritten run files written so far, including merged ones
 * @param spilledEvents events moved from the heap to disk so far
 */
public record SpillStats(
    long bufferedEvents,
    long bufferedBytes,
    int runs,
    long eventsOnDisk,
    long runsWritten,
    long spilledEvents) {}
