package io.shadowscale.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Activate;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.control.proto.Fence;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Warm;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.sequence.ObservationLog;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.SequenceAudit;
import io.shadowscale.testkit.sequence.VerifyingProcessor;
import io.shadowscale.testkit.worker.ControlDriver;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.http.HealthServer;
import io.shadowscale.worker.http.WorkerMetrics;
import io.shadowscale.worker.model.WorkerMode;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One slot's life: endpoints, epochs, refusals, a repeated barrier, a graceful stop inside an active group, repeated
 * fences.
 */
class WorkerLifecycleIT {
    private static final PairKey PAIR = new PairKey("shop", "events");
    private static final String TOPIC = "events";
    private static final String CONTROL = "shadowscale.control";
    private static final int PARTITIONS = 4;
    private static final Duration STEP = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(TestBrokers.fastGroups());

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    @Test
    @SuppressWarnings("checkstyle:InlineQualifiedName") // two WorkerModes: the model's is imported
    void gracefulStopHandsPartitionsToTheOtherMemberAndStaleOrRefusedCommandsChangeNothing() throws Exception {
        KAFKA.kafka().createTopic(TOPIC, PARTITIONS);
        KAFKA.kafka().createTopic(CONTROL, 1);
        ObservationLog log = new ObservationLog();
        Worker first = start("blue-1", log);
        Worker second = start("blue-2", log);
        WorkerMetrics firstMetrics = new WorkerMetrics(first::snapshot, Map.of("worker", "blue-1"));
        first.observeStatus(firstMetrics::published);
        HealthServer endpoints = new HealthServer(0, first::alive, first::snapshot, firstMetrics.registry());
        closeables.add(endpoints);
        Set<String> blue = Set.of("blue-1", "blue-2");
        long rate = 4_000;
        Duration runFor = Duration.ofSeconds(6);

        try (ControlDriver controller = new ControlDriver(KAFKA.kafka().clientProperties(), CONTROL, PAIR);
                PacedProducer producer = PacedProducer.builder(KAFKA.bootstrapServers(), TOPIC)
                        .partitions(PARTITIONS)
                        .recordSize(32)
                        .rate(rate)
                        .maxRecords(rate * runFor.toSeconds())
                        .build()) {
            assertThat(get(endpoints, "/healthz")).isEqualTo("200 ok\n");
            assertThat(get(endpoints, "/readyz")).isEqualTo("503 IDLE not ready\n");

            controller.command(SlotName.BLUE, blue, c -> c.setActivate(Activate.getDefaultInstance()), STEP);
            controller.awaitStatus(blue, s -> s.getAssignedCount() == PARTITIONS / 2, STEP, "both blue assigned");
            controller.command(SlotName.BLUE, blue, c -> c.setBarrier(zeros()), STEP);
            assertThat(get(endpoints, "/readyz")).isEqualTo("200 ACTIVE ready\n");

            // A command of an older epoch (a deposed controller) is ignored: no answer, still ACTIVE.
            long stale = controller.sendOnce(
                    SlotName.BLUE, controller.epoch() - 1, c -> c.setFence(Fence.getDefaultInstance()));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> controller.answer("blue-1", stale) == null && first.mode() == WorkerMode.ACTIVE);

            // A command that does not fit the mode is answered with the reason, and changes nothing.
            Map<String, WorkerStatus> refused = controller.command(
                    SlotName.BLUE,
                    blue,
                    c -> c.setWarm(Warm.newBuilder().setExpectedWorkers(2).setActiveGroup("x")),
                    STEP,
                    false);
            assertThat(refused.get("blue-1").getRefusedReason())
                    .isEqualTo("WARM refused in ACTIVE: the worker is already processing");
            assertThat(first.mode()).isEqualTo(WorkerMode.ACTIVE);

            producer.start();
            await().atMost(STEP)
                    .until(() -> producer.sent() > rate && first.snapshot().recordsProcessed() > 0);
            // A repeated barrier (offsets 0 again) is harmless for partitions already started: no rewind.
            controller.command(SlotName.BLUE, blue, c -> c.setBarrier(zeros()), STEP);
            second.close(); // SIGTERM path: stop, commit, leave; the group moves its partitions to blue-1
            assertThat(second.snapshot().leaving()).isTrue();
            assertThat(second.mode()).isEqualTo(WorkerMode.IDLE);
            await().atMost(STEP).until(() -> first.snapshot().active().size() == PARTITIONS);
            producer.awaitDelivered(runFor.plusSeconds(60));
            long total = rate * runFor.toSeconds();
            await().atMost(STEP).untilAsserted(() -> assertThat(log.size()).isGreaterThanOrEqualTo((int) total));
            assertThat(SequenceAudit.of(log.snapshot(), total))
                    .isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, List.of()));

            String metrics = get(endpoints, "/metrics");
            assertThat(metrics)
                    .contains(
                            "shadowscale_worker_mode{mode=\"ACTIVE\",worker=\"blue-1\"} 1.0",
                            "shadowscale_worker_active_partitions{worker=\"blue-1\"} 4.0",
                            "shadowscale_worker_partition_position{partition=\"3\",topic=\"events\",worker=\"blue-1\"} "
                                    + (double) (total / PARTITIONS),
                            "shadowscale_worker_control_commands_refused_total{worker=\"blue-1\"} 1.0",
                            "shadowscale_worker_handoff_duration_seconds_count{worker=\"blue-1\"} "
                                    + first.snapshot().handoffs());

            // Fence twice: the repeat reports the same stop offsets and processes nothing in between.
            WorkerStatus fenced = controller
                    .command(SlotName.BLUE, Set.of("blue-1"), c -> c.setFence(Fence.getDefaultInstance()), STEP)
                    .get("blue-1");
            WorkerStatus again = controller
                    .command(SlotName.BLUE, Set.of("blue-1"), c -> c.setFence(Fence.getDefaultInstance()), STEP)
                    .get("blue-1");
            assertThat(fenced.getMode()).isEqualTo(io.shadowscale.control.proto.WorkerMode.DRAINING);
            assertThat(again.getStopOffsetsList())
                    .isEqualTo(fenced.getStopOffsetsList())
                    .hasSize(PARTITIONS);
            assertThat(again.getStopOffsetsList())
                    .extracting(PartitionOffset::getOffset)
                    .containsOnly(total / PARTITIONS);
            assertThat(again.getRecordsProcessed()).isEqualTo(fenced.getRecordsProcessed());
            assertThat(get(endpoints, "/readyz")).isEqualTo("503 DRAINING not ready\n");
        }
    }

    private Worker start(String id, ObservationLog log) {
        WorkerConfig config = WorkerConfig.parse(WorkerFixtures.env(
                KAFKA.bootstrapServers(), TOPIC, PAIR, SlotName.BLUE, id, VerifyingProcessor.class.getName(), CONTROL));
        Worker worker = new Worker(config, new VerifyingProcessor(log, Clock.systemUTC()), Clock.systemUTC());
        closeables.add(worker);
        worker.start();
        return worker;
    }

    private String get(HealthServer server, String path) throws Exception {
        return WorkerFixtures.get(http, server.port(), path);
    }

    private static Barrier zeros() {
        return WorkerFixtures.barrier(TOPIC, WorkerFixtures.zeros(PARTITIONS));
    }
}
