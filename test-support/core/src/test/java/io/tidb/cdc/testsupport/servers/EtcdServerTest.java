package io.tidb.cdc.testsupport.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServersExtension.class)
class EtcdServerTest {
  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  @Test
  void putIsReadBackAndSeenByAWatch(EtcdServer etcd) throws Exception {
    assertThat(etcd.endpoint()).startsWith("http://127.0.0.1:");
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
      KV kv = client.getKVClient();
      long revision =
          kv.put(bytes("/smoke/key"), bytes("value-1"))
              .get(10, TimeUnit.SECONDS)
              .getHeader()
              .getRevision();

      assertThat(kv.get(bytes("/smoke/key")).get(10, TimeUnit.SECONDS).getKvs())
          .singleElement()
          .satisfies(kv1 -> assertThat(kv1.getValue().toString()).isEqualTo("value-1"));
      // Watching from the put's revision sees it however late the watch is registered.
      try (Watch.Watcher watcher =
          client
              .getWatchClient()
              .watch(
                  bytes("/smoke/key"),
                  WatchOption.builder().withRevision(revision).build(),
                  response -> events.addAll(response.getEvents()))) {
        WatchEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(event.getEventType()).isEqualTo(WatchEvent.EventType.PUT);
        assertThat(event.getKeyValue().getValue().toString()).isEqualTo("value-1");
        assertThat(watcher.isClosed()).isFalse();
      }
    }
  }

  @Test
  void everyTestOfTheJvmGetsTheSameServer(EtcdServer etcd) {
    assertThat(TestServers.etcd()).isEqualTo(etcd);
  }
}
