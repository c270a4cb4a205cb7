package io.tidb.cdc.testsupport.servers;

import java.net.URI;

/**
 * A running S3-compatible server (s3proxy, in-memory store) that checks AWS v2/v4 signatures made
 * with {@link #accessKey()} and {@link #secretKey()}. Clients must use path-style access.
 */
public record S3Server(String host, int port, String accessKey, String secretKey, String region) {
  public URI endpoint() {
    return URI.create("http://" + host + ":" + port);
  }
}
