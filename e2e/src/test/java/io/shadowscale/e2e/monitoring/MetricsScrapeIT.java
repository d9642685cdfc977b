package io.shadowscale.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.ScalerApp;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.ScaleDecision;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.fleet.MonitoredLauncher;
import io.shadowscale.testkit.fleet.PairFleet;
import io.shadowscale.testkit.fleet.TargetFollower;
import io.shadowscale.testkit.sequence.ObservationLog;
import io.shadowscale.testkit.sequence.VerifyingProcessor;
import io.shadowscale.testkit.stand.LocalStand;
import io.shadowscale.worker.example.SequencedPayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scaler and its workers on a real broker, scraped during a walk: each scrape passes
 * {@code promtool check metrics}, a real Prometheus scrapes both, and every query of the Grafana
 * dashboard ({@code manifests/components/monitoring}) returns at least one series from it.
 */
class MetricsScrapeIT {
    private static final Path DASHBOARD =
            Path.of("..", "manifests", "components", "monitoring", "shadowscale-dashboard.json");
    private static final PairKey PAIR = new PairKey("shop", "metrics");
    private static final String TOPIC = "metrics.in";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(TestBrokers.fastGroups());

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scrapesOfAWalkPassPromtoolAndEveryDashboardQueryResolves(@TempDir Path dir) throws Exception {
        KAFKA.kafka().createTopic(TOPIC, 4);
        Clock clock = Clock.systemUTC();
        LocalStand stand = LocalStand.builder(PAIR, KAFKA.bootstrapServers(), List.of(TOPIC))
                .controlTopics("metrics.control", "metrics.state")
                .tickInterval(Duration.ofMillis(150))
                .clock(clock)
                .build();
        PolicySettings policy = new PolicySettings(
                0, 1, 0, 0.2, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, LIMIT, Duration.ofSeconds(10));
        ObservationLog log = new ObservationLog();
        try (ScalerApp scaler = stand.startScaler((o, s, memory) ->
                        new PolicyOutcome(ScaleDecision.hold(o.replicas(), "the test drives the walk"), memory));
                LocalPrometheus prometheus = new LocalPrometheus(dir, "127.0.0.1:" + scaler.adminPort())) {
            MonitoredLauncher launcher =
                    new MonitoredLauncher(id -> new VerifyingProcessor(log, clock), clock, ports -> {
                        try {
                            prometheus.workers(MonitoredLauncher.targets(ports));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            try (PairFleet fleet = stand.fleet(VerifyingProcessor.class.getName(), launcher);
                    TargetFollower follower = new TargetFollower(scaler.controller(), fleet, Duration.ofMillis(200))) {
                scaler.controller().register(new PairSpec(PAIR, List.of(TOPIC), policy));
                follower.start();
                await().atMost(LIMIT)
                        .until(() -> phase(scaler) == PairPhase.STEADY
                                && fleet.slot(SlotName.BLUE).replicas() == 1);
                produce(2_000);
                await().atMost(LIMIT).until(() -> log.size() >= 2_000);
                // the walk: blue(1) -> green(2), every partition handed over at the barrier
                assertThat(scaler.controller().requestResize(PAIR, 2).accepted())
                        .isTrue();
                await().atMost(LIMIT)
                        .until(() -> phase(scaler) == PairPhase.STEADY
                                && scaler.controller().state(PAIR).orElseThrow().active() == SlotName.GREEN
                                && fleet.slot(SlotName.BLUE).replicas() == 0);
                produce(2_000);
                await().atMost(LIMIT).until(() -> log.size() >= 4_000);

                // walks are counted from the pair's history about once a second
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(get(scaler.adminPort()))
                                .contains(
                                        "shadowscale_scaler_walks_started_total{pair=\"shop/metrics\"} 1.0",
                                        "shadowscale_scaler_walks_finished_total{pair=\"shop/metrics\","
                                                + "result=\"done\"} 1.0",
                                        "shadowscale_scaler_walk_duration_seconds_count{pair=\"shop/metrics\","
                                                + "result=\"done\"} 1",
                                        "shadowscale_scaler_slot_target_replicas{pair=\"shop/metrics\",slot=\"green\"} "
                                                + "2.0",
                                        "shadowscale_scaler_leader 1.0",
                                        // each of the 4 partitions handed over, as its new owner measured it
                                        "shadowscale_scaler_handoff_gap_seconds_count{pair=\"shop/metrics\"} 4"));
                String scalerScrape = get(scaler.adminPort());
                List<String> workerScrapes = new ArrayList<>();
                for (int port : launcher.ports().values()) {
                    workerScrapes.add(get(port));
                }
                assertThat(workerScrapes)
                        .hasSize(2)
                        .allSatisfy(s -> assertThat(s)
                                .contains(
                                        "shadowscale_worker_mode{mode=\"ACTIVE\",pair=\"shop/metrics\","
                                                + "slot=\"green\"",
                                        "shadowscale_worker_handoff_duration_seconds_count{pair=\"shop/metrics\","
                                                + "slot=\"green\"",
                                        "shadowscale_worker_handoff_gap_seconds_count{pair=\"shop/metrics\","
                                                + "slot=\"green\"",
                                        "shadowscale_worker_commit_duration_seconds_count{kind=\"offsets\","
                                                + "pair=\"shop/metrics\",slot=\"green\"",
                                        "shadowscale_worker_held_records{pair=\"shop/metrics\",slot=\"green\""));
                Path kept = Files.createDirectories(Path.of("target", "metrics-scrape")); // to read after the run
                Files.writeString(kept.resolve("scaler.prom"), scalerScrape);
                Files.writeString(kept.resolve("worker.prom"), workerScrapes.get(0));
                assertThat(LocalPrometheus.checkMetrics(scalerScrape)).isEqualTo("exit 0");
                assertThat(LocalPrometheus.checkMetrics(workerScrapes.get(0))).isEqualTo("exit 0");

                await().atMost(LIMIT).until(prometheus::ready);
                await().atMost(LIMIT)
                        .untilAsserted(() -> assertThat(prometheus.query("up == 1"))
                                .as("targets up; prometheus log: %s", prometheus.log())
                                .hasSize(3));
                List<String> queries = dashboardQueries();
                assertThat(queries).hasSizeGreaterThanOrEqualTo(15);
                await().atMost(LIMIT).untilAsserted(() -> {
                    List<String> empty = new ArrayList<>();
                    for (String q : queries) {
                        if (prometheus.query(q).isEmpty()) {
                            empty.add(q);
                        }
                    }
                    assertThat(empty).as("dashboard queries without a series").isEmpty();
                });
                // the walk as Prometheus saw it: the green workers' handoffs
                assertThat(prometheus.query(
                                "sum(shadowscale_worker_handoff_duration_seconds_count{slot=\"green\"}) >= 2"))
                        .hasSize(1);
                assertThat(prometheus.query("sum(shadowscale_scaler_handoff_gap_seconds_count) == 4"))
                        .hasSize(1);
            }
        }
    }

    /** Every target expression of the dashboard, with the pair variable set to all pairs. */
    static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(t -> queries.add(t.path("expr").asText().replace("$pair", ".+"))));
        return queries;
    }

    private static PairPhase phase(ScalerApp scaler) {
        return scaler.controller().state(PAIR).map(s -> s.phase()).orElse(PairPhase.STARTING);
    }

    private long sequence;

    private void produce(int records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % 4, null, new SequencedPayload(sequence++, 0).encode(16)));
            }
        }
    }

    private String get(int port) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
