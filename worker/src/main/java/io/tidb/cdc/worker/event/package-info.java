/**
 * Events that flow between the worker's stages: raw committed key-value changes ({@link
 * io.tidb.cdc.worker.event.RawKvEvent}) and resolved-ts marks for a key span ({@link
 * io.tidb.cdc.worker.event.ResolvedTsEvent}), plus the immutable byte and key-range types they use.
 */
package io.tidb.cdc.worker.event;
