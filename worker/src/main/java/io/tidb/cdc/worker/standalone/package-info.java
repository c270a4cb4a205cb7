/**
 * Standalone mode: one changefeed in one process, positions in a local data directory ({@link
 * io.tidb.cdc.worker.standalone.StandaloneRunner}), with a live progress line and retries from the
 * checkpoint after a failure.
 */
package io.tidb.cdc.worker.standalone;
