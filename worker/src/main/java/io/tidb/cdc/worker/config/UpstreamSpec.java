package io.tidb.cdc.worker.config;

import java.util.List;

/**
 * The upstream TiDB cluster: its PD endpoints ({@code host:port} or {@code http://host:port}) and
 * the Secret holding its TLS material (Kubernetes only; standalone connects in plaintext).
 */
public record UpstreamSpec(List<String> pdAddresses, SecretRef tlsSecretRef) {}
