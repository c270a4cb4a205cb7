package io.tidb.cdc.worker.config;

import java.util.Map;

/**
 * Where changes go: the sink URI, the message protocol (may also be the URI's {@code protocol}
 * parameter), and further options, which are added to the URI's parameters.
 */
public record SinkSpec(String uri, String protocol, Map<String, String> options) {}
