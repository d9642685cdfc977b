package io.shadowscale.scaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.admin.AdminServer;
import io.shadowscale.scaler.admin.OperatorServer;
import io.shadowscale.scaler.admin.PairOperations;
import io.shadowscale.scaler.k8s.PairEvents;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.Transition;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's endpoint and a standby controller taking over, over a real broker. */
class ControllerOperationsIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final PolicySettings SETTINGS = new PolicySettings(
            0,
            2,
            0,
            0.2,
            Duration.ofSeconds(30),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofSeconds(30),
            Duration.ofSeconds(10));

    private final List<AutoCloseable> open = new ArrayList<>();
    private static final String TOKEN = "ops-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void adminEndpointShowsPairsPausesResizesAndRollsBack() throws Exception {
        PairKey pair = new PairKey("shop", "admin");
        ControlTopics topics = ControlTopics.forEnvironment("admin");
        PairController controller = controller(topics, Leadership.always(), "admin-1");
        controller.start();
        FakeFleet fleet = fleet(topics, pair, new AtomicReference<>(controller));
        controller.register(new PairSpec(pair, List.of("admin-orders"), SETTINGS));
        AdminServer admin = new AdminServer(
                PairOperations.of(controller), new InetSocketAddress("127.0.0.1", 0), new PrometheusRegistry());
        open.add(admin);
        admin.start();
        OperatorServer operator = new OperatorServer(
                PairOperations.of(controller),
                PairEvents.none(),
                Map.of("ops-team", TOKEN),
                new InetSocketAddress("127.0.0.1", 0));
        open.add(operator);
        operator.start();
        String views = "http://127.0.0.1:" + admin.port() + "/pairs";
        String base = "http://127.0.0.1:" + operator.port() + "/pairs";
        awaitPhase(controller, pair, PairPhase.STEADY);

        HttpResponse<String> list = get(views);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .startsWith("[{\"pair\":\"shop/admin\",\"phase\":\"STEADY\"")
                .contains("\"activeSlot\":\"blue\",\"activeReplicas\":2");
        assertThat(post(base + "/shop/admin/pause"))
                .isEqualTo("200 {\"accepted\":true,\"message\":\"pair shop/admin paused\"}");
        assertThat(post(base + "/shop/admin/resize?replicas=x"))
                .isEqualTo("400 {\"accepted\":false,\"message\":\"replicas must be an integer >= 1, was x\"}");
        assertThat(post(base + "/shop/nobody/resize?replicas=3"))
                .isEqualTo("404 {\"accepted\":false,\"message\":\"unknown pair shop/nobody\"}");
        fleet.neverReady(SlotName.GREEN);
        assertThat(post(base + "/shop/admin/resize?replicas=3"))
                .isEqualTo("200 {\"accepted\":true,\"message\":\"resize to 3 requested for shop/admin\"}");
        awaitPhase(controller, pair, PairPhase.WARMING);
        assertThat(post(base + "/shop/admin/resize?replicas=4"))
                .isEqualTo("409 {\"accepted\":false,\"message\":"
                        + "\"pair shop/admin is WARMING; a resize is accepted only when STEADY\"}");
        assertThat(post(base + "/shop/admin/rollback"))
                .isEqualTo("200 {\"accepted\":true,\"message\":\"rollback requested for shop/admin\"}");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(get(views + "/shop/admin").body())
                        .contains(
                                "\"phase\":\"STEADY\"",
                                "\"reason\":\"operator rolled back the warm-up\"",
                                "\"reason\":\"rolled back; blue stays active with 2\""));
        assertThat(post(base + "/shop/admin/resume"))
                .isEqualTo("200 {\"accepted\":true,\"message\":\"pair shop/admin resumed\"}");
        assertThat(controller.state(pair).orElseThrow().paused()).isFalse();
    }

    @Test
    void aStandbyServesTargetsFromTheStateTopicAndTakesOverMidCutover() throws Exception {
        PairKey pair = new PairKey("shop", "standby");
        ControlTopics topics = ControlTopics.forEnvironment("standby");
        PairController first = controller(topics, Leadership.always(), "standby-1");
        first.start();
        AtomicReference<PairController> current = new AtomicReference<>(first);
        FakeFleet fleet = fleet(topics, pair, current);
        PairSpec spec = new PairSpec(pair, List.of("standby-orders"), SETTINGS);
        first.register(spec);
        awaitPhase(first, pair, PairPhase.STEADY);

        Leadership election = Leadership.standalone();
        PairController second = controller(topics, election, "standby-2");
        second.register(spec);
        second.start();
        List<SlotTarget> pushed = new CopyOnWriteArrayList<>();
        second.watch(pair, SlotName.GREEN, pushed::add);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(second.target(pair, SlotName.BLUE))
                        .contains(SlotTarget.run(2, "steady: active with 2")));
        assertThat(second.requestResize(pair, 3))
                .isEqualTo(OperatorResult.refused("this controller is not the leader"));

        fleet.holdBarrier(SlotName.GREEN, true);
        first.requestResize(pair, 3);
        await().atMost(WAIT)
                .until(() -> !first.state(pair).orElseThrow().barrier().isEmpty());
        long epochAtStop = first.state(pair).orElseThrow().epoch();
        first.close();
        fleet.holdBarrier(SlotName.GREEN, false);
        election.start();
        // KEDA follows the leader: the fake KEDA switches once the standby has taken over
        await().atMost(WAIT).until(second::isLeading);
        current.set(second);

        await().atMost(WAIT)
                .ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .untilAsserted(() -> {
                    PairState s = second.state(pair).orElseThrow();
                    assertThat(s.phase()).isEqualTo(PairPhase.STEADY);
                    assertThat(s.active()).isEqualTo(SlotName.GREEN);
                    assertThat(s.activeReplicas()).isEqualTo(3);
                });
        PairState done = second.state(pair).orElseThrow();
        assertThat(done.history())
                .filteredOn(t -> t.reason().equals("resumed by a new controller in CUTTING_OVER"))
                .extracting(Transition::epoch)
                .containsExactly(epochAtStop + 1);
        // watchers hear changes of size or activity only: green went 0 -> 3 once, seen by the standby
        assertThat(pushed).isNotEmpty().allMatch(t -> t.replicas() == 3 && t.active());
    }

    // ---- helpers ----

    private PairController controller(ControlTopics topics, Leadership leadership, String id) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        open.add(executor::shutdownNow);
        PairController c = PairController.builder()
                .clientProperties(KAFKA.kafka().clientProperties())
                .topics(topics)
                .policy(new ScriptedPolicy())
                .clock(Clock.systemUTC())
                .executor(executor)
                .leadership(leadership)
                .settings(ControllerSettings.builder()
                        .controllerId(id)
                        .tickInterval(Duration.ofMillis(200))
                        .staleAfter(Duration.ofSeconds(3))
                        .sessionTimeout(Duration.ofSeconds(10))
                        .metricsInterval(Duration.ofSeconds(1))
                        .build())
                .build();
        open.add(c);
        return c;
    }

    private FakeFleet fleet(ControlTopics topics, PairKey pair, AtomicReference<PairController> current)
            throws Exception {
        String topic = pair.name() + "-orders";
        KAFKA.kafka().createTopic(topic, 4);
        List<TopicPartition> tps = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (int n = 0; n < 4; n++) {
            tps.add(new TopicPartition(topic, n));
            start.put(new TopicPartition(topic, n), new OffsetAndMetadata(100 + n));
        }
        KAFKA.kafka()
                .admin()
                .alterConsumerGroupOffsets(pair.groupId(SlotName.BLUE), start)
                .all()
                .get(30, TimeUnit.SECONDS);
        FakeFleet fleet = FakeFleet.following(KAFKA.kafka(), topics.control(), pair, tps, current);
        open.add(fleet);
        return fleet;
    }

    private static void awaitPhase(PairController c, PairKey pair, PairPhase phase) {
        await().atMost(WAIT)
                .ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .until(() -> c.state(pair).orElseThrow().phase() == phase);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String post(String url) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }
}
