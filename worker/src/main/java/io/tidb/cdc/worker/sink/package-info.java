/**
 * The sink stage: where row changes and DDL leave the worker ({@link
 * io.tidb.cdc.worker.sink.Sink}). A sink is opened from a URI ({@link
 * io.tidb.cdc.worker.sink.SinkUri}, {@link io.tidb.cdc.worker.sink.SinkFactory}); one child package
 * per kind ({@code blackhole}, {@code file}; MySQL, Kafka, Pulsar and object storage later).
 */
package io.tidb.cdc.worker.sink;
