package io.tidb.cdc.testsupport.servers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Logging set-up of the Java servers: everything at INFO to stdout, which {@code ChildProcess}
 * sends to the server's log file. Without it Log4j 2 prints only errors and Logback everything.
 */
final class LogConfigs {
  private LogConfigs() {}

  static String log4j2ConsoleAtInfo() {
    return String.join(
        "\n",
        "status = warn",
        "appender.console.type = Console",
        "appender.console.name = STDOUT",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%t] %c{1.} - %m%n",
        "rootLogger.level = info",
        "rootLogger.appenderRef.stdout.ref = STDOUT",
        "");
  }

  static String logbackConsoleAtInfo() {
    return String.join(
        "\n",
        "<configuration>",
        "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
        "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern>"
            + "</encoder>",
        "  </appender>",
        "  <root level=\"INFO\"><appender-ref ref=\"STDOUT\"/></root>",
        "</configuration>",
        "");
  }

  static List<String> withLog4j2(List<String> jvmOptions, Path config) {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dlog4j2.configurationFile=" + config);
    options.add("-Dlog4j.configurationFile=" + config);
    return List.copyOf(options);
  }

  static List<String> withLogback(List<String> jvmOptions, Path config) {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dlogback.configurationFile=" + config);
    return List.copyOf(options);
  }
}
