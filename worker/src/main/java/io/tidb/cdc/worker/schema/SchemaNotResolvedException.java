package io.tidb.cdc.worker.schema;

/**
 * The schema at the asked ts is not known yet: DDL jobs up to that ts may still arrive. The caller
 * waits for the DDL puller to advance the schema's resolved ts and asks again.
 */
public final class SchemaNotResolvedException extends SchemaException {
  private static final long serialVersionUID = 1L;

  private final long askedTs;
  private final long resolvedTs;

  public SchemaNotResolvedException(long askedTs, long resolvedTs) {
    super(
        "schema at ts "
            + askedTs
            + " is not resolved yet: DDL jobs are known up to ts "
            + resolvedTs);
    this.askedTs = askedTs;
    this.resolvedTs = resolvedTs;
  }

  public long askedTs() {
    return askedTs;
  }

  public long resolvedTs() {
    return resolvedTs;
  }
}
