package io.tidb.cdc.testsupport.servers;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Kafka readiness without kafka-clients: an ApiVersions v0 request, which every broker version
 * answers, and which a KRaft broker answers only once it processes requests (its listeners only
 * start serving after it caught up with the metadata log).
 */
final class KafkaProbe {
  private static final int TIMEOUT_MILLIS = 2000;
  private static final short API_VERSIONS = 18;
  private static final int CORRELATION_ID = 0x71c0;

  private KafkaProbe() {}

  static boolean answersApiVersions(KafkaServer server) throws IOException {
    byte[] clientId = "ticdc-test-probe".getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.host(), server.port()), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      // Request header v1: api key, api version, correlation id, client id; v0 body is empty.
      out.writeInt(2 + 2 + 4 + 2 + clientId.length);
      out.writeShort(API_VERSIONS);
      out.writeShort(0);
      out.writeInt(CORRELATION_ID);
      out.writeShort(clientId.length);
      out.write(clientId);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int size = in.readInt();
      if (size < 6) {
        return false;
      }
      int correlationId = in.readInt();
      short errorCode = in.readShort();
      return correlationId == CORRELATION_ID && errorCode == 0;
    }
  }
}
