package io.shadowscale.scaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.config.ScalerConfig;
import io.shadowscale.scaler.kafka.StateStore;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicySettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two environments on one Kafka cluster, each with a pair {@code shop/orders} of a different size:
 * their scalers derive distinct topics from {@code SHADOWSCALE_ENVIRONMENT}, and each state topic
 * holds exactly its own controller's state (a shared topic would merge the two by epoch).
 */
class EnvironmentIsolationIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final PairKey PAIR = new PairKey("shop", "orders");
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private PairController controller(String environment, int minReplicas) {
        ScalerConfig config = ScalerConfig.parse(
                Map.of(
                        "SHADOWSCALE_BOOTSTRAP_SERVERS",
                        KAFKA.kafka().bootstrapServers(),
                        "SHADOWSCALE_ENVIRONMENT",
                        environment),
                List.of());
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        open.add(executor::shutdownNow);
        PairController controller = PairController.builder()
                .clientProperties(config.kafkaClientProperties())
                .topics(new ControlTopics(config.controlTopic(), config.stateTopic()))
                .policy(new ScriptedPolicy())
                .clock(Clock.systemUTC())
                .executor(executor)
                .leadership(Leadership.always())
                .settings(ControllerSettings.builder().controllerId(environment).build())
                .build();
        open.add(controller);
        controller.start();
        controller.register(new PairSpec(
                PAIR,
                List.of("orders"),
                new PolicySettings(
                        0,
                        minReplicas,
                        0,
                        0.2,
                        Duration.ofSeconds(30),
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10))));
        return controller;
    }

    @Test
    void twoEnvironmentsOnOneClusterKeepTheirOwnTopicsAndState() {
        KAFKA.kafka().createTopic("orders", 4);
        PairController east = controller("east", 2);
        PairController west = controller("west", 3);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(east.target(PAIR, SlotName.BLUE).orElseThrow().replicas())
                    .isEqualTo(2);
            assertThat(west.target(PAIR, SlotName.BLUE).orElseThrow().replicas())
                    .isEqualTo(3);
        });
        try (StateStore eastStore = new StateStore(KAFKA.kafka().clientProperties(), "shadowscale.east.state");
                StateStore westStore = new StateStore(KAFKA.kafka().clientProperties(), "shadowscale.west.state")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<PairKey, PairState> eastStates = eastStore.readAll();
                Map<PairKey, PairState> westStates = westStore.readAll();
                assertThat(eastStates).containsOnlyKeys(PAIR);
                assertThat(westStates).containsOnlyKeys(PAIR);
                assertThat(eastStates.get(PAIR)).isEqualTo(east.state(PAIR).orElseThrow());
                assertThat(westStates.get(PAIR)).isEqualTo(west.state(PAIR).orElseThrow());
                assertThat(eastStates.get(PAIR).targetOf(SlotName.BLUE).replicas())
                        .isEqualTo(2);
                assertThat(westStates.get(PAIR).targetOf(SlotName.BLUE).replicas())
                        .isEqualTo(3);
            });
        }
    }
}
