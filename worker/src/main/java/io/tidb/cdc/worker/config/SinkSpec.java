package io.tidb.cdc.worker.config;

import java.util.List;
import java.util.Map;

/**
 * Where changes go: the sink URI, the message protocol (may also be the URI's {@code protocol}
 * parameter), further options (added to the URI's parameters), the Secret with credentials
 * (Kubernetes only) and, for message-queue sinks, dispatchers choosing topic and partition.
 */
public record SinkSpec(
    String uri,
    String protocol,
    SecretRef credentialsSecretRef,
    List<DispatcherSpec> dispatchers,
    Map<String, String> options) {

  /** Which topic and partition the rows of the matched tables go to. */
  public record DispatcherSpec(
      List<String> matcher, String topic, String partition, List<String> columns) {}
}
