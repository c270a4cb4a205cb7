package io.tidb.cdc.cli;

/**
 * A failure the user can act on: the launcher prints its message alone (no stack trace) and exits
 * with status 1.
 */
final class CommandLineFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandLineFailure(String message) {
    super(message);
  }
}
