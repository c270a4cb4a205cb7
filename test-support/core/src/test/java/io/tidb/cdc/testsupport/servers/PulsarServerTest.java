package io.tidb.cdc.testsupport.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServersExtension.class)
class PulsarServerTest {
  private static final String TOPIC = "persistent://public/default/smoke-pulsar";

  @Test
  void producedMessagesAreConsumedInOrder(PulsarServer pulsar) throws Exception {
    List<String> received = new ArrayList<>();
    try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.serviceUrl()).build();
        Consumer<String> consumer =
            client
                .newConsumer(Schema.STRING)
                .topic(TOPIC)
                .subscriptionName("smoke")
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                .subscribe();
        Producer<String> producer = client.newProducer(Schema.STRING).topic(TOPIC).create()) {
      for (int i = 0; i < 5; i++) {
        producer.send("message-" + i);
      }
      for (int i = 0; i < 5; i++) {
        Message<String> message = consumer.receive(30, TimeUnit.SECONDS);
        assertThat(message).as("message %d", i).isNotNull();
        received.add(message.getValue());
        consumer.acknowledge(message);
      }
    }
    assertThat(received)
        .containsExactly("message-0", "message-1", "message-2", "message-3", "message-4");
  }
}
