package io.tidb.cdc.testsupport.servers;

/** A running single-node Kafka (KRaft, broker and controller in one process). */
public record KafkaServer(String host, int port) {
  /** The value for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return host + ":" + port;
  }
}
