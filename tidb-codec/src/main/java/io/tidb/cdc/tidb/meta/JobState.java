package io.tidb.cdc.tidb.meta;

/** {@code model.JobState}: the state of a DDL job. Codes are TiDB's. */
public enum JobState {
  NONE(0),
  RUNNING(1),
  ROLLINGBACK(2),
  ROLLBACK_DONE(3),
  DONE(4),
  CANCELLED(5),
  SYNCED(6),
  CANCELLING(7),
  QUEUEING(8),
  PAUSED(9),
  PAUSING(10);

  private final int code;

  JobState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The state with {@code code}; unknown codes map to {@link #NONE}. */
  public static JobState of(int code) {
    for (JobState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return NONE;
  }
}
