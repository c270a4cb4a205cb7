package io.tidb.cdc.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks free TCP ports on 127.0.0.1. Another process may still take a port before the server binds
 * it; callers retry a start that failed with "address already in use".
 */
public final class FreePorts {
  /** Ports handed out in this JVM: never hand one out twice even if it is free again. */
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {}

  /** {@code count} distinct free ports. */
  public static synchronized List<Integer> allocate(int count) {
    List<ServerSocket> held = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      while (ports.size() < count) {
        // Holding every socket until all are chosen keeps the kernel from repeating a port.
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(socket);
        int port = socket.getLocalPort();
        if (HANDED_OUT.add(port)) {
          ports.add(port);
        }
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // The port is ours alone; closing cannot meaningfully fail.
        }
      }
    }
  }
}
