package io.tidb.cdc.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %linestart} in logback.xml: on a terminal a carriage return and erase-line, so a log line
 * replaces a half-drawn progress line instead of being glued to its end (the progress line is
 * redrawn on its next tick); nothing in a pipe or file.
 */
public final class LineStartConverter extends ClassicConverter {
  private static final String ON_TERMINAL = "\r\u001b[K";
  private static final boolean TERMINAL = System.console() != null;

  @Override
  public String convert(ILoggingEvent event) {
    return TERMINAL ? ON_TERMINAL : "";
  }
}
