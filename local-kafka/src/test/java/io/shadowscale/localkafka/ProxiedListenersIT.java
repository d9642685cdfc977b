package io.shadowscale.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Several proxied listeners: each client bootstrapped at one proxy uses only that link. */
class ProxiedListenersIT {
    @Test
    void cuttingOneProxiedListenerLeavesTheClientsOfTheOtherConnected() throws Exception {
        try (LocalKafka kafka = LocalKafka.builder().proxiedListeners(2).start()) {
            kafka.createTopic("links", 1);
            List<TcpProxy> proxies = kafka.proxies();
            assertThat(proxies).hasSize(2);
            assertThat(kafka.proxy()).isSameAs(proxies.get(0));
            try (KafkaProducer<byte[], byte[]> first = producer(proxies.get(0));
                    KafkaProducer<byte[], byte[]> second = producer(proxies.get(1))) {
                send(first).get(30, TimeUnit.SECONDS);
                send(second).get(30, TimeUnit.SECONDS);
                long secondConnections = proxies.get(1).connections();

                proxies.get(0).cut();
                Future<RecordMetadata> held = send(first);
                send(second).get(10, TimeUnit.SECONDS);
                await().during(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(3))
                        .until(() -> !held.isDone());
                proxies.get(0).restore();

                assertThat(held.get(30, TimeUnit.SECONDS).offset()).isEqualTo(3);
                assertThat(proxies.get(1).connections()).isEqualTo(secondConnections);
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(TcpProxy link) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "127.0.0.1:" + link.port(),
                        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                        200,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        60_000),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static Future<RecordMetadata> send(KafkaProducer<byte[], byte[]> producer) {
        return producer.send(new ProducerRecord<>("links", new byte[] {1}));
    }
}
