package io.tidb.cdc.testsupport.servers;

/** A running etcd (v3 API over plain HTTP/gRPC on 127.0.0.1). */
public record EtcdServer(String host, int port) {
  /** The client URL, e.g. for jetcd's {@code Client.builder().endpoints(...)}. */
  public String endpoint() {
    return "http://" + host + ":" + port;
  }
}
