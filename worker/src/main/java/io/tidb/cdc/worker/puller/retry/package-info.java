/** Retry timing shared by the puller's PD and TiKV clients. */
package io.tidb.cdc.worker.puller.retry;
