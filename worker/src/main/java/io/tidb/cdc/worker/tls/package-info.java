/**
 * TLS material the worker reads from a directory laid out like a mounted Kubernetes TLS Secret
 * ({@code ca.crt}, {@code tls.crt}, {@code tls.key}), checked before anything connects. Plain JDK
 * types only; the gRPC and etcd clients turn it into their own SSL contexts.
 */
package io.tidb.cdc.worker.tls;
