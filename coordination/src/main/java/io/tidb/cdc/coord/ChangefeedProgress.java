package io.tidb.cdc.coord;

/**
 * A changefeed's progress, written by its maintainer; the operator mirrors it into the resource's
 * status.
 *
 * @param phase Pending, Normal, Warning, Paused, Failed, Finished or Stopped (the status names)
 * @param generation the {@link ChangefeedInfo#generation()} the maintainer runs
 * @param checkpointTs the changefeed checkpoint: the minimum over its tables and the DDL barrier
 * @param resolvedTs the minimum resolved ts over its tables
 * @param barrierTs workers release nothing above it (a DDL at {@code barrierTs + 1} waits)
 * @param tableCount how many tables it replicates
 * @param maintainer the capture that wrote this
 * @param lastError the last error, or null
 * @param updatedAtMillis wall-clock time of the write
 */
public record ChangefeedProgress(
    String phase,
    long generation,
    long checkpointTs,
    long resolvedTs,
    long barrierTs,
    int tableCount,
    String maintainer,
    ErrorInfo lastError,
    long updatedAtMillis) {

  /** An error: what, when, and how many retries so far. */
  public record ErrorInfo(String message, long timeMillis, int retries) {}
}
