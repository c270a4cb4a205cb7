/**
 * The puller stage: subscribes key spans of TiKV through {@code cdcpb.ChangeData/EventFeed} and
 * delivers committed changes and resolved ts per span. The API is {@link
 * io.tidb.cdc.worker.puller.Puller}; the implementation over real gRPC is {@link
 * io.tidb.cdc.worker.puller.kv.KvPuller}, with its PD client in {@code puller.pd} and its region
 * cache and range lock in {@code puller.region}.
 */
package io.tidb.cdc.worker.puller;
