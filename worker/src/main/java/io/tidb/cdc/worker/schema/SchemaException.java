package io.tidb.cdc.worker.schema;

/**
 * The schema cannot be built or queried: corrupt meta data, a DDL job that contradicts the schema
 * it is applied to, or a version that was garbage-collected. The changefeed must stop and report
 * the message; retrying does not help.
 */
public class SchemaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaException(String message) {
    super(message);
  }

  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
