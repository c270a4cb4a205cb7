package io.tidb.cdc.worker.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the user wants a changefeed to do ({@code spec.state}). */
public enum DesiredState {
  RUNNING("running"),
  PAUSED("paused"),
  STOPPED("stopped");

  private final String text;

  DesiredState(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  public static Optional<DesiredState> parse(String s) {
    return Arrays.stream(values()).filter(v -> v.text.equals(s)).findFirst();
  }

  static String allTexts() {
    return Arrays.stream(values()).map(DesiredState::text).collect(Collectors.joining(", "));
  }
}
