/**
 * The worker's HTTP endpoints on the JDK's server: {@code /healthz}, {@code /readyz}, Prometheus
 * {@code /metrics} with TiCDC's metric names, and {@code /api/v1/status} as JSON.
 */
package io.tidb.cdc.worker.http;
