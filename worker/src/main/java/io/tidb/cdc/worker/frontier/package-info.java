/**
 * Per-span resolved ts from per-region resolved ts: the "RangeWatermarkMap" of the TiStream design
 * (seed 003). See {@link io.tidb.cdc.worker.frontier.SpanFrontier}.
 */
package io.tidb.cdc.worker.frontier;
