package io.tidb.cdc.worker.config;

import io.tidb.cdc.worker.encoder.EncoderConfig;
import io.tidb.cdc.worker.encoder.Protocol;
import io.tidb.cdc.worker.sink.SinkFactory;
import io.tidb.cdc.worker.sink.SinkScheme;
import io.tidb.cdc.worker.sink.SinkUri;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink URI a changefeed's {@code spec.sink} stands for: the URI with {@code protocol} and the
 * {@code options} added to its parameters. A value given twice must agree. File sinks default to
 * {@code canal-json}.
 */
final class SinkSettings {
  static final String PROTOCOL = "protocol";

  private SinkSettings() {}

  /** The merged URI, or null after adding to {@code problems} what is wrong. */
  static SinkUri resolve(SinkSpec sink, String resource, List<ConfigProblem> problems) {
    if (sink == null || sink.uri() == null || sink.uri().isBlank()) {
      problems.add(
          new ConfigProblem(
              resource,
              "spec.sink.uri",
              "missing; e.g. file:///tmp/out?protocol=canal-json or blackhole://"));
      return null;
    }
    SinkUri uri;
    try {
      uri = SinkUri.parse(sink.uri());
    } catch (IllegalArgumentException e) {
      problems.add(new ConfigProblem(resource, "spec.sink.uri", e.getMessage()));
      return null;
    }
    int before = problems.size();
    Map<String, String> params = new LinkedHashMap<>(uri.params());
    if (sink.protocol() != null) {
      put(params, PROTOCOL, sink.protocol(), "spec.sink.protocol", resource, problems);
    }
    if (sink.options() != null) {
      sink.options()
          .forEach((k, v) -> put(params, k, v, "spec.sink.options." + k, resource, problems));
    }
    if (uri.scheme() == SinkScheme.FILE && !params.containsKey(PROTOCOL)) {
      params.put(PROTOCOL, Protocol.CANAL_JSON.wireName());
    }
    if (params.containsKey(PROTOCOL)) {
      try {
        EncoderConfig.fromParams(params, EncoderConfig.defaults(Protocol.CANAL_JSON));
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem(resource, fieldOf(sink, e.getMessage()), e.getMessage()));
      }
    }
    if (problems.size() != before) {
      return null;
    }
    SinkUri merged =
        new SinkUri(uri.scheme(), uri.userInfo(), uri.host(), uri.port(), uri.path(), params);
    if (merged.userInfo().isEmpty()) { // toString() hides passwords, so it cannot be re-read
      try {
        SinkFactory.check(merged.toString());
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem(resource, fieldOf(sink, e.getMessage()), e.getMessage()));
        return null;
      }
    }
    return merged;
  }

  private static void put(
      Map<String, String> params,
      String key,
      String value,
      String field,
      String resource,
      List<ConfigProblem> problems) {
    String old = params.putIfAbsent(key, value);
    if (old != null && !old.equals(value)) {
      problems.add(
          new ConfigProblem(
              resource,
              field,
              "'" + value + "' contradicts " + key + "=" + old + " in spec.sink.uri"));
    }
  }

  /** The field an encoder option error is about: the protocol field when it names a protocol. */
  private static String fieldOf(SinkSpec sink, String message) {
    if (message.contains("protocol") && sink.protocol() != null) {
      return "spec.sink.protocol";
    }
    if (sink.options() != null) {
      for (String k : sink.options().keySet()) {
        if (message.startsWith(k + " ")
            || message.contains("'" + k + "'")
            || message.contains("'" + sink.options().get(k) + "'")) {
          return "spec.sink.options." + k;
        }
      }
    }
    return "spec.sink.uri";
  }
}
