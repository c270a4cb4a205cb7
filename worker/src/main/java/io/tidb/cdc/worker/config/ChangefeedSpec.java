package io.tidb.cdc.worker.config;

/**
 * A changefeed: the {@code TiCDCCluster} it runs on, where it starts (a TSO; absent or 0: now) and
 * ends (absent or 0: never), its desired state ({@code running}, {@code paused}, {@code stopped}),
 * its filter, its sink and an optional {@code SinkPlugin} reference (Kubernetes only for now).
 */
public record ChangefeedSpec(
    String cluster,
    Long startTs,
    Long targetTs,
    String state,
    FilterSpec filter,
    SinkSpec sink,
    SecretRef pluginRef) {}
