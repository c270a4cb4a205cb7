/**
 * The worker's data path. One package per pipeline stage ({@code matcher}, {@code frontier}, {@code
 * sorter}, ...), the events flowing between them in {@code event}. Plain Java: no Kubernetes or
 * Quarkus types.
 */
package io.tidb.cdc.worker;
