package io.tidb.cdc.worker.pipeline;

/** A changefeed's phase, as the Changefeed resource's status names them. */
public enum Phase {
  /** Starting: connecting, loading the schema, subscribing. */
  PENDING("Pending"),
  /** Replicating. */
  NORMAL("Normal"),
  /** Failed and retrying from its checkpoint. */
  WARNING("Warning"),
  /** Not running because its desired state is paused. */
  PAUSED("Paused"),
  /** Failed and not retrying. */
  FAILED("Failed"),
  /** Reached its target ts. */
  FINISHED("Finished"),
  /** Stopped on request (shutdown); resumes from its checkpoint. */
  STOPPED("Stopped");

  private final String text;

  Phase(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** Whether the changefeed no longer runs. */
  public boolean isTerminal() {
    return this == FAILED || this == FINISHED || this == STOPPED || this == PAUSED;
  }
}
