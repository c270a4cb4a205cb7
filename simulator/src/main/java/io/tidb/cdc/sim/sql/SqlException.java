package io.tidb.cdc.sim.sql;

/** A statement is invalid, unsupported or refers to something missing; nothing was changed. */
public class SqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SqlException(String message) {
    super(message);
  }

  public SqlException(String message, Throwable cause) {
    super(message, cause);
  }
}
