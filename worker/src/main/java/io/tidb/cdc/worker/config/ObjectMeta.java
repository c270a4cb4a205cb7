package io.tidb.cdc.worker.config;

import java.util.Map;

/** The part of Kubernetes object metadata a standalone file may carry. */
public record ObjectMeta(
    String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {}
