package io.tidb.cdc.operator.etcd;

/** etcd did not answer in time or refused the request; the caller retries later. */
public final class EtcdUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public EtcdUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
