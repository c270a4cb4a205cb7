package io.tidb.cdc.worker.config;

import java.util.Map;

/**
 * Worker settings. {@code sorterMemory} is the sorter memory of each changefeed as a Kubernetes
 * quantity ({@code 512Mi}, {@code 1Gi}); beyond it the sorter spills to disk. {@code config} holds
 * free-form worker settings (none is read yet).
 */
public record WorkerSpec(String sorterMemory, Map<String, String> config) {}
