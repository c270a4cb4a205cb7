package io.tidb.cdc.worker.config;

/**
 * Worker settings. {@code sorterMemory} is the sorter memory of each changefeed as a Kubernetes
 * quantity ({@code 512Mi}, {@code 1Gi}); beyond it the sorter spills to disk.
 */
public record WorkerSpec(String sorterMemory) {}
