package io.shadowscale.scaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.ScalerApp;
import io.shadowscale.scaler.config.ScalerConfig;
import io.shadowscale.scaler.grpc.ExternalScalerContract;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import io.shadowscale.scaler.kafka.StateStore;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.SlotTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wired scaler against a broker that requires a SCRAM login, configured only through
 * {@code SHADOWSCALE_KAFKA_*}: its Admin creates the environment's topics, its control channel sends
 * commands and reads the (fake) workers' answers, its state writer and reader use the state topic,
 * and the metrics reader lists offsets, all over the SASL listener, until the pair is STEADY.
 */
class ScalerSaslIT {
    private static final String SCALER_PASSWORD = "scaler-pass-1";
    private static final String TOPIC = "sasl-orders";
    private static final PairKey PAIR = new PairKey("shop", "secure");

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(
            LocalKafka.builder().scramUser("scaler", SCALER_PASSWORD).scramUser("workers", "workers-pass-2"));

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static ScaledObjectRef ref(String slot) {
        return ScaledObjectRef.newBuilder()
                .setNamespace(PAIR.namespace())
                .setName("secure-" + slot)
                .putAllScalerMetadata(Map.of(
                        "pair", PAIR.name(), "slot", slot, "topics", TOPIC, "minReplicas", "2", "maxReplicas", "4"))
                .build();
    }

    @Test
    void theScalerWalksAPairToSteadyWithEveryKafkaClientLoggedIn() throws Exception {
        LocalKafka kafka = KAFKA.kafka();
        kafka.createTopic(TOPIC, 4);
        List<TopicPartition> partitions = List.of(
                new TopicPartition(TOPIC, 0),
                new TopicPartition(TOPIC, 1),
                new TopicPartition(TOPIC, 2),
                new TopicPartition(TOPIC, 3));
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        partitions.forEach(tp -> start.put(tp, new OffsetAndMetadata(10)));
        kafka.admin()
                .alterConsumerGroupOffsets(PAIR.groupId(SlotName.BLUE), start)
                .all()
                .get(30, TimeUnit.SECONDS);

        ScalerConfig config = ScalerConfig.parse(
                Map.of(
                        "SHADOWSCALE_BOOTSTRAP_SERVERS",
                        kafka.saslBootstrapServers(),
                        "SHADOWSCALE_KAFKA_SECURITY_PROTOCOL",
                        "SASL_PLAINTEXT",
                        "SHADOWSCALE_KAFKA_SASL_MECHANISM",
                        LocalKafka.SCRAM_MECHANISM,
                        "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG",
                        LocalKafka.scramJaasConfig("scaler", SCALER_PASSWORD),
                        "SHADOWSCALE_ENVIRONMENT",
                        "sasl-it"),
                List.of("--grpc-port=0", "--admin-port=0"));
        assertThat(config.describe()).contains("SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG=******");
        ControlTopics topics = new ControlTopics(config.controlTopic(), config.stateTopic());
        assertThat(topics).isEqualTo(ControlTopics.forEnvironment("sasl-it"));
        ScalerApp app = ScalerApp.start(config, Map.of(), Clock.systemUTC());
        open.add(app);

        // the scaler's Admin created the environment's topics over SASL
        assertThat(kafka.admin().listTopics().names().get(10, TimeUnit.SECONDS))
                .contains("shadowscale.sasl-it.control", "shadowscale.sasl-it.state");

        Admin workersAdmin = Admin.create(kafka.saslClientProperties("workers", "workers-pass-2"));
        open.add(workersAdmin);
        FakeFleet fleet = new FakeFleet(
                kafka.saslClientProperties("workers", "workers-pass-2"),
                topics.control(),
                PAIR,
                partitions,
                workersAdmin);
        open.add(fleet);
        fleet.followTargets((p, s) -> app.controller().target(p, s).orElse(SlotTarget.IDLE));

        ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", app.grpcPort(), InsecureChannelCredentials.create())
                .build();
        open.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
        ExternalScalerContract.BlockingClient keda = new ExternalScalerContract.BlockingClient(channel);
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> keda.getMetricSpec(ref("blue")) != null && keda.getMetricSpec(ref("green")) != null);

        // commands went out and the workers' answers came back in: STARTING -> STEADY with 2 blue workers
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .untilAsserted(() -> {
                    PairState s = app.controller().state(PAIR).orElseThrow();
                    assertThat(s.phase()).isEqualTo(PairPhase.STEADY);
                    assertThat(s.activeReplicas()).isEqualTo(2);
                });
        assertThat(keda.getMetrics(GetMetricsRequest.newBuilder()
                                .setScaledObjectRef(ref("blue"))
                                .setMetricName("shadowscale-shop-secure-blue")
                                .build())
                        .getMetricValues(0)
                        .getMetricValue())
                .isEqualTo(2);

        // the state writer put the pair's state on the state topic (read here over PLAINTEXT)
        try (StateStore plain = new StateStore(kafka.clientProperties(), topics.state())) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(plain.readAll().get(PAIR))
                            .isNotNull()
                            .extracting(PairState::phase)
                            .isEqualTo(PairPhase.STEADY));
        }
    }
}
