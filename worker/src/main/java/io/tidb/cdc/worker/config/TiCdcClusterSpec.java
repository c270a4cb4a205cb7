package io.tidb.cdc.worker.config;

/**
 * What a {@code TiCDCCluster} says about replication: the upstream, how long PD keeps data for a
 * stopped changefeed ({@code gcTtl}, a Go duration such as {@code 24h}, or seconds), and worker
 * settings.
 */
public record TiCdcClusterSpec(UpstreamSpec upstream, String gcTtl, WorkerSpec worker) {}
