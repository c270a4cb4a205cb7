package io.tidb.cdc.worker.puller.pd;

/** A PD call failed (after its retries), or PD answered with an error. */
public final class PdException extends Exception {
  private static final long serialVersionUID = 1L;

  public PdException(String message, Throwable cause) {
    super(message, cause);
  }

  public PdException(String message) {
    super(message);
  }
}
