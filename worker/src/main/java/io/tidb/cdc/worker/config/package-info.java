/**
 * The changefeed resources of a standalone file, as a Kubernetes user writes them: {@code
 * TiCDCCluster} and {@code Changefeed} of {@code cdc.tidb.io/v1alpha1} as plain records ({@link
 * io.tidb.cdc.worker.config.ResourceFile} reads them), their validation ({@link
 * io.tidb.cdc.worker.config.ChangefeedValidator}) and the defaults ({@link
 * io.tidb.cdc.worker.config.ChangefeedDefaults}). The records carry no defaults of their own, so
 * the operator can reuse them for its custom resources.
 */
package io.tidb.cdc.worker.config;
