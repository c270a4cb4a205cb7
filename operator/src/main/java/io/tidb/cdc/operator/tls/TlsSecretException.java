package io.tidb.cdc.operator.tls;

/**
 * A TLS Secret the cluster names is missing or unusable. Checked, so that every caller turns it
 * into a status (condition {@code TlsSecretInvalid}) instead of letting it reach the reconcile
 * retry as an exception. The message names the Secret and what is wrong with it.
 */
public final class TlsSecretException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String secret;

  /**
   * @param secret {@code namespace/name}
   */
  public TlsSecretException(String secret, String message, Throwable cause) {
    super(message, cause);
    this.secret = secret;
  }

  public TlsSecretException(String secret, String message) {
    this(secret, message, null);
  }

  /** The Secret as {@code namespace/name}. */
  public String secret() {
    return secret;
  }
}
