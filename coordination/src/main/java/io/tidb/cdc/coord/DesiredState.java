package io.tidb.cdc.coord;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the user asked of a changefeed ({@code spec.state}). */
public enum DesiredState {
  RUNNING,
  /** Stop replicating, keep the checkpoint and the GC safe point; resume later. */
  PAUSED,
  /** Stop replicating and release the GC safe point; the changefeed is not resumed. */
  STOPPED;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static DesiredState parse(String text) {
    for (DesiredState s : values()) {
      if (s.json().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown changefeed state '" + text + "': expected running, paused or stopped");
  }
}
