package io.shadowscale.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.PairKey;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.config.ScalerConfig;
import io.shadowscale.scaler.kafka.StateCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scaler on a broker with an authorizer, logged in as its client's principal with exactly the
 * ACLs {@code manifests/KAFKA_ACLS.md} lists: it creates its environment's topics, starts a pair
 * (start offsets seeded, state written and read back) and cannot start on another client's state
 * topic.
 */
class ScalerAclIT {
    private static final String PASSWORD = "acl-scaler-pass";
    private static final Path ACL_DOC = Path.of("..", "manifests", "KAFKA_ACLS.md");

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(
            LocalKafka.builder().authorizer().scramUser("acme-scaler", PASSWORD).scramUser("globex-scaler", PASSWORD));

    @RegisterExtension
    final RunningScaler scaler = new RunningScaler();

    static List<String> scalerAclLines(String client, String pair) throws Exception {
        return Files.readAllLines(ACL_DOC).stream()
                .filter(l -> l.startsWith("kafka-acls ") && l.contains("User:acme-scaler"))
                .map(l -> l.replace("acme", client).replace("orders", pair))
                .toList();
    }

    private static ScalerConfig config(String control, String state) {
        return RunningScaler.config(
                KAFKA.kafka().saslBootstrapServers(),
                control,
                state,
                Map.of(
                        "SHADOWSCALE_KAFKA_SECURITY_PROTOCOL",
                        "SASL_PLAINTEXT",
                        "SHADOWSCALE_KAFKA_SASL_MECHANISM",
                        LocalKafka.SCRAM_MECHANISM,
                        "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG",
                        LocalKafka.scramJaasConfig("acme-scaler", PASSWORD)));
    }

    @Test
    void theScalerWorksWithTheDocumentedAclsAndCannotUseAnotherClientsStateTopic() throws Exception {
        LocalKafka kafka = KAFKA.kafka();
        kafka.createTopic("orders.v1", 3);
        kafka.createTopic("invoices.v1", 3);
        kafka.createTopic("shadowscale.globex.control", 1);
        kafka.createTopic("shadowscale.globex.state", 1);
        int acme = kafka.applyAcls(scalerAclLines("acme", "orders")).size();
        kafka.applyAcls(scalerAclLines("globex", "invoices"));
        assertThat(acme).isEqualTo(12);

        ScalerApp app = scaler.start(config("shadowscale.acme.control", "shadowscale.acme.state"));
        scaler.keda().getMetricSpec(RunningScaler.scaledObject("acme", "orders", "blue", "orders.v1", 1));
        PairKey pair = new PairKey("acme", "orders");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> app.controller().state(pair).isPresent());

        assertThat(kafka.admin().listTopics().names().get())
                .contains("shadowscale.acme.control", "shadowscale.acme.state");
        assertThat(kafka.admin()
                        .listConsumerGroupOffsets("shadowscale.acme.orders.blue")
                        .partitionsToOffsetAndMetadata()
                        .get())
                .hasSize(3);
        assertThat(readState(kafka, "shadowscale.acme.state"))
                .isEqualTo(app.controller().state(pair).get().epoch());
        scaler.closeApp();

        assertThatThrownBy(() -> ScalerApp.start(
                        config("shadowscale.acme.control", "shadowscale.globex.state"), Map.of(), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("could not create topic shadowscale.globex.state: "
                        + "org.apache.kafka.common.errors.TopicAuthorizationException: Authorization failed.");
        System.out.printf(
                "SCALER ACLS: %d ACL bindings; pair started with its state written and its start offsets "
                        + "seeded; refused another client's state topic%n",
                acme);
    }

    /** The epoch of the newest state record of acme/orders, read as the super user. */
    private static long readState(LocalKafka kafka, String topic) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        long epoch = -1;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key().equals("acme/orders")) {
                        epoch = StateCodec.decode(r.value()).epoch();
                    }
                }
            }
        }
        return epoch;
    }
}
