/**
 * The puller over TiKV's {@code cdcpb.ChangeData/EventFeed}: {@link
 * io.tidb.cdc.worker.puller.kv.KvPuller} and its parts (store connections and streams, region
 * attempts, the scheduler of the control path, the worker-side event handler).
 */
package io.tidb.cdc.worker.puller.kv;
