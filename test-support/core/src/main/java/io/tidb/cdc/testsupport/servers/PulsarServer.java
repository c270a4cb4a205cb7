package io.tidb.cdc.testsupport.servers;

/** A running Pulsar standalone (tenant {@code public}, namespace {@code public/default}). */
public record PulsarServer(String host, int brokerPort, int webPort) {
  /** The binary protocol URL for {@code PulsarClient.builder().serviceUrl(...)}. */
  public String serviceUrl() {
    return "pulsar://" + host + ":" + brokerPort;
  }

  /** The admin/REST URL. */
  public String httpUrl() {
    return "http://" + host + ":" + webPort;
  }
}
