package io.shadowscale.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.shadowscale.control.PairKey;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.worker.ControlDriver;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.WorkerMain;
import io.shadowscale.worker.example.ExampleProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker against a broker that requires a SCRAM login, configured only through
 * {@code SHADOWSCALE_KAFKA_*}: every client it opens (slot-group consumer, output producer, Admin of
 * the readiness probe, both clients of the control channel) reaches the SASL listener, and a wrong
 * password stops the start with a clear error (exit code 1) instead of hanging.
 */
class WorkerSaslIT {
    private static final String USER = "worker";
    private static final String PASSWORD = "worker-pass-1";
    private static final PairKey PAIR = new PairKey("shop", "secure");
    private static final String INPUT = "secure-in";
    private static final String OUTPUT = "secure-out";
    /** The control topic of environment "sasl" (SHADOWSCALE_ENVIRONMENT=sasl). */
    private static final String CONTROL = "shadowscale.sasl.control";

    private static final int PARTITIONS = 2;
    private static final Duration STEP = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(
            TestBrokers.fastGroups().scramUser(USER, PASSWORD).scramUser("controller", "controller-pass-2"));

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private static Map<String, String> env(String slot, String id, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("SHADOWSCALE_BOOTSTRAP_SERVERS", KAFKA.kafka().saslBootstrapServers());
        env.put("SHADOWSCALE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("SHADOWSCALE_KAFKA_SASL_MECHANISM", LocalKafka.SCRAM_MECHANISM);
        env.put("SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", LocalKafka.scramJaasConfig(USER, password));
        env.put("SHADOWSCALE_TOPICS", INPUT);
        env.put("SHADOWSCALE_OUTPUT_TOPIC", OUTPUT);
        env.put("SHADOWSCALE_PAIR_NAMESPACE", PAIR.namespace());
        env.put("SHADOWSCALE_PAIR_NAME", PAIR.name());
        env.put("SHADOWSCALE_SLOT", slot);
        env.put("SHADOWSCALE_WORKER_ID", id);
        env.put("SHADOWSCALE_ENVIRONMENT", "sasl");
        env.put("SHADOWSCALE_HTTP_PORT", "0");
        env.put("SHADOWSCALE_READY_CHECK_INTERVAL_MS", "200");
        return env;
    }

    private Worker start(String slot, String id) {
        WorkerConfig config = WorkerConfig.parse(env(slot, id, PASSWORD));
        assertThat(config.controlTopic()).isEqualTo(CONTROL);
        Worker worker = new Worker(config, new ExampleProcessor(), Clock.systemUTC());
        closeables.add(worker);
        worker.start();
        return worker;
    }

    @Test
    void consumesProducesAndAnswersTheControlChannelOverScram() throws Exception {
        LocalKafka kafka = KAFKA.kafka();
        kafka.createTopic(INPUT, PARTITIONS);
        kafka.createTopic(OUTPUT, PARTITIONS);
        kafka.createTopic(CONTROL, 1);
        long total = 500 * Duration.ofSeconds(2).toSeconds();
        try (PacedProducer input = PacedProducer.builder(kafka.bootstrapServers(), INPUT)
                .partitions(PARTITIONS)
                .recordSize(32)
                .rate(500)
                .maxRecords(total)
                .build()
                .start()) {
            input.awaitDelivered(STEP);
        }

        Worker blue = start("blue", "blue-1");
        Worker green = start("green", "green-1");
        // the test's controller logs in too, as another user: the control topic is only reachable over SASL here
        try (ControlDriver controller =
                new ControlDriver(kafka.saslClientProperties("controller", "controller-pass-2"), CONTROL, PAIR)) {
            WorkerFixtures.activateBlueOne(controller, INPUT, PARTITIONS, STEP);

            // slot-group consumer in, output producer out
            await().atMost(STEP)
                    .untilAsserted(() -> assertThat(outputRecords(kafka)).isEqualTo(total));
            // the snapshot is published after the output is sent: wait for it too
            await().atMost(STEP)
                    .untilAsserted(
                            () -> assertThat(blue.snapshot().recordsProcessed()).isEqualTo(total));

            // the readiness probe's Admin reads blue's committed offsets and green's group over SASL
            WorkerFixtures.warmGreen(controller, PAIR, Set.of("green-1"), STEP);
            assertThat(green.snapshot().failure()).isEmpty();
            assertThat(blue.snapshot().failure()).isEmpty();
        }
    }

    @Test
    void aWrongPasswordStopsTheStartWithAClearErrorAndExitCode1() {
        KAFKA.kafka().createTopic(CONTROL, 1);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long started = System.nanoTime();

        int code = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> WorkerMain.run(
                        env("blue", "blue-9", "not-the-password-7"),
                        new String[0],
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8)));

        assertThat(code).isEqualTo(WorkerMain.EXIT_START_FAILED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("shadowscale worker: cannot start: ")
                .contains("SaslAuthenticationException", "Authentication failed", "SCRAM-SHA-512")
                .doesNotContain("not-the-password-7");
    }

    private static long outputRecords(LocalKafka kafka) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        IntStream.range(0, PARTITIONS).forEach(p -> latest.put(new TopicPartition(OUTPUT, p), OffsetSpec.latest()));
        return kafka.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }
}
