package io.tidb.cdc.worker.config;

/** A reference by name to a Kubernetes object in the resource's namespace (unused standalone). */
public record SecretRef(String name) {}
