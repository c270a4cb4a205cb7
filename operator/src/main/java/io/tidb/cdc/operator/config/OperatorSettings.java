package io.tidb.cdc.operator.config;

import java.time.Duration;

/**
 * The operator's own settings (application.properties {@code ticdc.operator.*}).
 *
 * @param version the operator's version; names the default worker image tag
 * @param etcdTimeout bound on every etcd call
 * @param statusInterval how often a running changefeed's status is refreshed (and at most how often
 *     it is written)
 * @param clusterResync how often a cluster is reconciled without any event (captures come and go in
 *     etcd, which Kubernetes does not announce)
 * @param cleanupWait how long deletion waits for the maintainer to stop the changefeed
 */
public record OperatorSettings(
    String version,
    Duration etcdTimeout,
    Duration statusInterval,
    Duration clusterResync,
    Duration cleanupWait) {
  public static OperatorSettings defaults(String version) {
    return new OperatorSettings(
        version,
        Duration.ofSeconds(5),
        Duration.ofSeconds(3),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30));
  }
}
