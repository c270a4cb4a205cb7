package io.tidb.cdc.sim.sql;

/**
 * The outcome of one statement of a script.
 *
 * @param commitTs the commit ts of the statement's transaction (of the DDL job's done step for
 *     DDL), or null when nothing was committed (inside BEGIN, or nothing to write)
 * @param jobId the DDL job's ID, or null
 * @param schemaVersion the schema version a DDL produced, or null
 * @param note why nothing happened (IF [NOT] EXISTS), or null
 */
public record StatementResult(
    int index,
    String statement,
    String kind,
    Long commitTs,
    long rowsAffected,
    Long jobId,
    Long schemaVersion,
    String note) {}
