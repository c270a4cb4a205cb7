package io.tidb.cdc.testsupport.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void portsAreDistinctBindableAndNeverRepeated() throws Exception {
    List<Integer> first = FreePorts.allocate(3);
    List<Integer> second = FreePorts.allocate(3);

    List<Integer> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(all).doesNotHaveDuplicates().hasSize(6);
    for (int port : all) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }
}
