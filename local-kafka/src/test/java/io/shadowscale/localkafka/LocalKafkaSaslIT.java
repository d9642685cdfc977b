package io.shadowscale.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The optional SASL_PLAINTEXT (SCRAM-SHA-512) listener: right login works, wrong login fails fast, PLAINTEXT stays. */
class LocalKafkaSaslIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(
            LocalKafka.builder().scramUser("alice", "alice-secret").scramUser("bob", "bob-secret"));

    @Test
    void aScramLoginProducesAndConsumesOnTheSaslListener() throws Exception {
        LocalKafka kafka = KAFKA.kafka();
        kafka.createTopic("sasl-topic", 2);
        Map<String, Object> props = new HashMap<>(kafka.saslClientProperties("bob", "bob-secret"));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>("sasl-topic", "k", "over SCRAM")).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> consumerProps = new HashMap<>(kafka.saslClientProperties("alice", "alice-secret"));
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "sasl-group");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of("sasl-topic"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.value());
                }
            }
        }
        assertThat(seen).containsExactly("over SCRAM");
        assertThat(kafka.serverProperties().getProperty("listeners"))
                .startsWith("PLAINTEXT://127.0.0.1:")
                .contains(",SASL_PLAINTEXT://" + kafka.saslBootstrapServers() + ",");
    }

    @Test
    void aWrongPasswordFailsWithAnAuthenticationErrorWithinSeconds() {
        long started = System.nanoTime();
        try (Admin admin = Admin.create(KAFKA.kafka().saslClientProperties("alice", "wrong-password"))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("Authentication failed")
                    .hasMessageContaining("SCRAM-SHA-512");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void thePlaintextListenerNeedsNoLogin() throws Exception {
        try (Admin admin = Admin.create(KAFKA.kafka().clientProperties())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasSize(1);
        }
    }

    @Test
    void aBrokerWithoutScramUsersHasNoSaslListener() {
        assertThatThrownBy(() -> LocalKafka.attach("127.0.0.1:1", null).saslBootstrapServers())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this broker has no SASL listener; start it with LocalKafka.builder().scramUser(name, "
                        + "password)");
    }
}
