package io.shadowscale.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Activate;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.control.proto.Drain;
import io.shadowscale.control.proto.Fence;
import io.shadowscale.control.proto.Warm;
import io.shadowscale.control.proto.WorkerMode;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.sequence.ObservationLog;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.SequenceAudit;
import io.shadowscale.testkit.sequence.VerifyingProcessor;
import io.shadowscale.testkit.worker.ControlDriver;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blue (2 workers) hands 12 partitions over to green (3 workers) and green hands them back, under
 * a producer at 20,000 msg/s, with the test as the controller over the real control topic. Every
 * sequence number must be processed exactly once, in order per partition.
 * The producer sends at most twice {@code handoff.seconds} worth of records and stops a fifth of that
 * after the second handoff. {@code -Dhandoff.rate} and {@code -Dhandoff.seconds} shrink the run.
 */
class HandoffIT {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private static final String TOPIC = "orders";
    private static final String CONTROL = "shadowscale.control";
    private static final int PARTITIONS = 12;
    private static final Duration STEP = Duration.ofSeconds(60);

    /** 500 ms consumer-group heartbeats unless {@code -Dhandoff.brokerDefaults=true} (5 s, the broker default). */
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(
            Boolean.getBoolean("handoff.brokerDefaults") ? LocalKafka.builder() : TestBrokers.fastGroups());

    private final List<Worker> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.forEach(Worker::close);
    }

    @Test
    void blueHandsOverToGreenAndBackWithEveryRecordProcessedOnceInOrder() throws Exception {
        long rate = Long.getLong("handoff.rate", 20_000);
        Duration runFor = Duration.ofSeconds(Long.getLong("handoff.seconds", 30));
        KAFKA.kafka().createTopic(TOPIC, PARTITIONS);
        KAFKA.kafka().createTopic(CONTROL, 1);
        ObservationLog log = new ObservationLog();
        Set<String> blue = start(SlotName.BLUE, log, "blue-1", "blue-2");
        Set<String> green = start(SlotName.GREEN, log, "green-1", "green-2", "green-3");

        try (ControlDriver controller = new ControlDriver(KAFKA.kafka().clientProperties(), CONTROL, PAIR);
                PacedProducer producer = PacedProducer.builder(KAFKA.bootstrapServers(), TOPIC)
                        .partitions(PARTITIONS)
                        .recordSize(64)
                        .rate(rate)
                        .maxRecords(rate * runFor.multipliedBy(2).toSeconds())
                        .build()) {
            controller.awaitStatus(blue, s -> s.getMode() == WorkerMode.IDLE, STEP, "blue reporting");
            // First start of the pair: activate blue, then a barrier at the start of the empty topic.
            controller.command(SlotName.BLUE, blue, c -> c.setActivate(Activate.getDefaultInstance()), STEP);
            controller.awaitStatus(blue, s -> s.getAssignedCount() > 0, STEP, "blue assigned");
            controller.command(SlotName.BLUE, blue, c -> c.setBarrier(barrier(zeros())), STEP);
            controller.awaitStatus(blue, s -> s.getActivePartitionsCount() > 0, STEP, "blue active");
            assertThat(unionActive(controller, blue)).hasSize(PARTITIONS);

            // Load runs for at most twice runFor (about runFor normally); each handoff starts a fifth of it after the
            // last event, so both
            // happen under load even when a slow machine stretches the warm-up.
            long pace = runFor.toMillis() / 5;
            producer.start();
            sleepUntil(System.nanoTime(), pace);
            Duration first = handOver(controller, SlotName.BLUE, blue, SlotName.GREEN, green);
            sleepUntil(System.nanoTime(), pace);
            assertThat(producer.running())
                    .as("producer still running at the second handoff")
                    .isTrue();
            Duration second = handOver(controller, SlotName.GREEN, green, SlotName.BLUE, blue);
            sleepUntil(System.nanoTime(), pace);
            producer.finish();
            producer.awaitDelivered(Duration.ofSeconds(60));
            long total = producer.sent();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> log.size() >= total);

            SequenceAudit audit = SequenceAudit.of(log.snapshot(), total);
            System.out.printf(
                    "HANDOFF RESULT: %d records at %d msg/s over %d partitions; duplicates=%d missing=%d "
                            + "orderViolations=%d; longest per-partition processing gap: blue->green %d ms, "
                            + "green->blue %d ms; "
                            + "fence-to-barrier-answered: %d ms, %d ms%n",
                    audit.processed(),
                    rate,
                    PARTITIONS,
                    audit.duplicates(),
                    audit.missing(),
                    audit.orderViolations(),
                    audit.handoffGaps().get(0).toMillis(),
                    audit.handoffGaps().get(1).toMillis(),
                    first.toMillis(),
                    second.toMillis());
            assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
            assertThat(audit.handoffGaps()).hasSize(2);
        }
    }

    /** Warm the idle slot, fence the active one, publish the barrier, drain; returns fence-to-started time. */
    private Duration handOver(
            ControlDriver controller, SlotName from, Set<String> fromWorkers, SlotName to, Set<String> toWorkers) {
        long warmAt = System.nanoTime();
        controller.command(
                to,
                toWorkers,
                c -> c.setWarm(
                        Warm.newBuilder().setExpectedWorkers(toWorkers.size()).setActiveGroup(PAIR.groupId(from))),
                STEP);
        controller.awaitStatus(toWorkers, s -> s.getMode() == WorkerMode.SHADOW && s.getReady(), STEP, to + " ready");
        long readyAt = System.nanoTime();
        long fenceAt = System.nanoTime();
        Map<Integer, Long> stops = new HashMap<>();
        while (stops.size() < PARTITIONS) { // repeat the fence until every partition has a stop offset
            Map<String, WorkerStatus> fenced =
                    controller.command(from, fromWorkers, c -> c.setFence(Fence.getDefaultInstance()), STEP);
            fenced.values().forEach(s -> {
                assertThat(s.getMode()).isEqualTo(WorkerMode.DRAINING);
                s.getStopOffsetsList().forEach(po -> stops.put(po.getPartition(), po.getOffset()));
            });
        }
        long stoppedAt = System.nanoTime();
        controller.command(to, toWorkers, c -> c.setBarrier(barrier(stops)), STEP);
        controller.awaitStatus(toWorkers, s -> s.getMode() == WorkerMode.ACTIVE, STEP, to + " active");
        Awaitility.await()
                .atMost(STEP)
                .until(() -> unionActive(controller, toWorkers).size() == PARTITIONS);
        long startedAt = System.nanoTime();
        controller.command(from, fromWorkers, c -> c.setDrain(Drain.getDefaultInstance()), STEP);
        controller.awaitStatus(fromWorkers, s -> s.getMode() == WorkerMode.IDLE, STEP, from + " idle");
        System.out.printf(
                "HANDOFF %s->%s: warm-up %d ms, fence %d ms, barrier %d ms; stop offsets %s%n",
                from,
                to,
                (readyAt - warmAt) / 1_000_000,
                (stoppedAt - fenceAt) / 1_000_000,
                (startedAt - stoppedAt) / 1_000_000,
                stops);
        return Duration.ofNanos(startedAt - fenceAt);
    }

    private Set<String> start(SlotName slot, ObservationLog log, String... ids) {
        Set<String> names = new LinkedHashSet<>();
        for (String id : ids) {
            WorkerConfig config = WorkerConfig.parse(WorkerFixtures.env(
                    KAFKA.bootstrapServers(), TOPIC, PAIR, slot, id, VerifyingProcessor.class.getName(), CONTROL));
            Worker worker = new Worker(config, new VerifyingProcessor(log, Clock.systemUTC()), Clock.systemUTC());
            workers.add(worker);
            worker.start();
            names.add(id);
        }
        return names;
    }

    private static Set<Integer> unionActive(ControlDriver controller, Set<String> workers) {
        return workers.stream()
                .flatMap(w -> ControlDriver.partitionsOf(controller.latest(w).getActivePartitionsList()).stream())
                .collect(Collectors.toSet());
    }

    private static Map<Integer, Long> zeros() {
        return WorkerFixtures.zeros(PARTITIONS);
    }

    private static Barrier barrier(Map<Integer, Long> offsets) {
        return WorkerFixtures.barrier(TOPIC, offsets);
    }

    private static void sleepUntil(long t0, long millis) throws InterruptedException {
        long wait = t0 / 1_000_000 + millis - System.nanoTime() / 1_000_000;
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
