package io.tidb.cdc.worker.pipeline;

import java.util.Optional;

/**
 * A point-in-time view of a changefeed for the status endpoint, metrics and the progress line.
 * Timestamps are TSOs (0 when unknown).
 *
 * @param resolvedTs the minimum over the tables' and the DDL puller's resolved ts
 * @param rowsWritten rows handed to the sink
 * @param rowsFlushed rows the sink made durable
 * @param ddlsExecuted DDL written to the sink (filtered ones are not counted)
 * @param lastError the last failure, if any
 */
public record ChangefeedStatus(
    String namespace,
    String name,
    Phase phase,
    long startTs,
    long targetTs,
    long checkpointTs,
    long resolvedTs,
    int tables,
    long rowsMounted,
    long rowsWritten,
    long rowsFlushed,
    long ddlsExecuted,
    Optional<String> lastError) {

  /** A changefeed that has not started yet. */
  public static ChangefeedStatus pending(String namespace, String name) {
    return new ChangefeedStatus(
        namespace, name, Phase.PENDING, 0, 0, 0, 0, 0, 0, 0, 0, 0, Optional.empty());
  }

  public ChangefeedStatus withPhase(Phase p, Optional<String> error) {
    return new ChangefeedStatus(
        namespace,
        name,
        p,
        startTs,
        targetTs,
        checkpointTs,
        resolvedTs,
        tables,
        rowsMounted,
        rowsWritten,
        rowsFlushed,
        ddlsExecuted,
        error.isPresent() ? error : lastError);
  }
}
