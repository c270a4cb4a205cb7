package io.tidb.cdc.worker.config;

/** A reference to a Kubernetes Secret in the resource's namespace (unused standalone). */
public record SecretRef(String name) {}
