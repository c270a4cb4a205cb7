package io.tidb.cdc.worker.schema;

/** What applying one DDL job to the schema storage did. */
public sealed interface ApplyResult {
  DdlJob job();

  /** The job changed the schema; {@code after} is valid from the job's finished ts. */
  record Applied(DdlJob job, SchemaSnapshot before, SchemaSnapshot after) implements ApplyResult {}

  /** The job left the schema as it was, for the reason given. */
  record Skipped(DdlJob job, String reason) implements ApplyResult {}
}
