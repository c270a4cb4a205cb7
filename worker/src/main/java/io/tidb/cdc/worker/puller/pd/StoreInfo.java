package io.tidb.cdc.worker.puller.pd;

/**
 * A TiKV store as PD describes it.
 *
 * @param id store id
 * @param address host:port of its gRPC server
 * @param up false when PD marks it offline or tombstone
 */
public record StoreInfo(long id, String address, boolean up) {}
