package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The state the user asks for. */
public enum ChangefeedState {
  @JsonProperty("running")
  RUNNING,
  @JsonProperty("paused")
  PAUSED,
  @JsonProperty("stopped")
  STOPPED
}
