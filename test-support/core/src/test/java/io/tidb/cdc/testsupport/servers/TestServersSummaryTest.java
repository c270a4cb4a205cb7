package io.tidb.cdc.testsupport.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestServersSummaryTest {
  @Test
  void listsEachServerInStartOrderWithTotals() {
    String line =
        TestServersSummary.format(
            List.of(
                new TestServers.StartupTime("etcd", Duration.ofMillis(420)),
                new TestServers.StartupTime("kafka", Duration.ofMillis(2650))),
            Duration.ofMillis(12_340));

    assertThat(line)
        .isEqualTo("test servers: etcd 0.4s, kafka 2.7s (start-up 3.1s); tests ran 12.3s");
  }
}
