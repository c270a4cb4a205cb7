package io.tidb.cdc.worker.schema;

/** Where the mounter gets the schema that was in force at a timestamp. */
@FunctionalInterface
public interface SchemaProvider {
  /**
   * The schema after every DDL job finished at or before {@code ts}.
   *
   * @throws SchemaNotResolvedException when DDL jobs up to {@code ts} may still arrive (wait)
   * @throws SchemaException when that version is no longer kept
   */
  SchemaSnapshot schemaAt(long ts);
}
