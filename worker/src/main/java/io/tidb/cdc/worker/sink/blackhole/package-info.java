/** {@code blackhole://}: a sink that drops everything, counting it; for benchmarks and tests. */
package io.tidb.cdc.worker.sink.blackhole;
