package io.shadowscale.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Activate;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.control.proto.WorkerMode;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.localkafka.TcpProxy;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Network faults between one worker and the broker, through the local broker's proxied listener
 * (every client of that worker, control channel included, goes through a {@link TcpProxy}; the
 * others connect directly): a worker cut off while ACTIVE, a worker cut off while SHADOW, and a
 * handoff whose old owner sits behind a link with 200 ms added latency each way. Every sequence
 * number must be processed (0 lost); duplicates are counted (at least once).
 */
class NetworkFaultIT {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private static final int PARTITIONS = 6;
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration CUT = Duration.ofSeconds(5);
    private static final long RATE = 2_000;
    /** How long the handoff tests produce. */
    private static final Duration HANDOFF_RUN = Duration.ofSeconds(15);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA =
            new LocalKafkaExtension(TestBrokers.fastGroups().proxiedListener());

    private final List<Worker> workers = new ArrayList<>();
    private final ObservationLog log = new ObservationLog();

    @AfterEach
    void stop() {
        KAFKA.kafka().proxy().restore();
        KAFKA.kafka().proxy().delay(Duration.ZERO);
        workers.forEach(Worker::close);
    }

    @Test
    void aWorkerCutOffWhileActiveLosesNothing() throws Exception {
        String topic = "cut-active";
        String control = createTopics(topic);
        Worker cutOff = start(topic, control, SlotName.BLUE, "blue-1", log, true);
        start(topic, control, SlotName.BLUE, "blue-2", log, false);
        Set<String> blue = new LinkedHashSet<>(List.of("blue-1", "blue-2"));
        Duration runFor = Duration.ofSeconds(12);
        try (ControlDriver controller = controller(control);
                PacedProducer producer = producer(topic, runFor)) {
            activate(controller, topic, blue);
            producer.start();
            await().atMost(STEP).until(() -> producer.sent() > RATE * 2);
            long before = log.size();
            KAFKA.kafka().proxy().cut();
            await().pollDelay(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> true);
            long stalledAt = cutOff.snapshot().recordsProcessed();
            await().pollDelay(CUT.minusSeconds(1)).atMost(CUT).until(() -> true);
            // the link is really cut: the worker behind it processed nothing more (what it had fetched was done)
            assertThat(cutOff.snapshot().recordsProcessed()).isEqualTo(stalledAt);
            KAFKA.kafka().proxy().restore();
            long restoredAt = System.nanoTime();
            long total = delivered(producer, runFor);
            SequenceAudit audit = SequenceAudit.of(log.snapshot(), total);
            System.out.printf(
                    "NETWORK FAULT cut while ACTIVE (%d s): %d records, processed %d before the cut; lost %d, "
                            + "duplicates %d, order violations %d; all processed %d ms after the link came back%n",
                    CUT.toSeconds(),
                    total,
                    before,
                    audit.missing(),
                    audit.duplicates(),
                    audit.orderViolations(),
                    (System.nanoTime() - restoredAt) / 1_000_000);
            assertThat(audit.missing()).isZero();
            assertThat(audit.orderViolations()).isZero();
            assertThat(cutOff.snapshot().recordsProcessed()).isGreaterThan(stalledAt);
        }
    }

    @Test
    void aHandoffFromAWorkerBehind200MsOfLatencyFinishesWithNothingLostOrDoubled() throws Exception {
        String topic = "slow-link";
        try (ControlDriver controller = blueActiveGreenIdle(topic, true);
                PacedProducer producer = producer(topic, HANDOFF_RUN)) {
            KAFKA.kafka().proxy().delay(Duration.ofMillis(200));
            producer.start();
            await().atMost(STEP).until(() -> producer.sent() > RATE * 3);
            long handoffMs = handOverThroughTheProxy(controller, topic);
            SequenceAudit audit = deliveredAndAudited(producer, HANDOFF_RUN);
            System.out.printf(
                    "NETWORK FAULT 200 ms latency on the old owner's link: %d records; walk (warm to drained) "
                            + "%d ms; lost %d, duplicates %d, order violations %d%n",
                    audit.expected(), handoffMs, audit.missing(), audit.duplicates(), audit.orderViolations());
            assertNothingLostDoubledOrReordered(audit);
        }
    }

    @Test
    void aWorkerCutOffWhileShadowGetsReadyAgainAndTheHandoffLosesNothing() throws Exception {
        String topic = "cut-shadow";
        try (ControlDriver controller = blueActiveGreenIdle(topic, false);
                PacedProducer producer = producer(topic, HANDOFF_RUN)) {
            producer.start();
            WorkerFixtures.warmGreen(controller, PAIR, Set.of("green-1"), STEP);
            KAFKA.kafka().proxy().cut();
            await().pollDelay(CUT).atMost(CUT.plusSeconds(1)).until(() -> true);
            KAFKA.kafka().proxy().restore();
            long handoffMs = handOverThroughTheProxy(controller, topic);
            SequenceAudit audit = deliveredAndAudited(producer, HANDOFF_RUN);
            System.out.printf(
                    "NETWORK FAULT cut while SHADOW (%d s): %d records; walk after the link came back %d ms; "
                            + "lost %d, duplicates %d, order violations %d%n",
                    CUT.toSeconds(),
                    audit.expected(),
                    handoffMs,
                    audit.missing(),
                    audit.duplicates(),
                    audit.orderViolations());
            assertNothingLostDoubledOrReordered(audit);
        }
    }

    /** Creates {@code topic} and its control topic; returns the control topic. */
    private static String createTopics(String topic) {
        KAFKA.kafka().createTopic(topic, PARTITIONS);
        KAFKA.kafka().createTopic(topic + ".control", 1);
        return topic + ".control";
    }

    /** blue-1 (active from offset 0) and green-1 (idle) on {@code topic}, one of them behind the proxy. */
    private ControlDriver blueActiveGreenIdle(String topic, boolean blueProxied) {
        String control = createTopics(topic);
        start(topic, control, SlotName.BLUE, "blue-1", log, blueProxied);
        start(topic, control, SlotName.GREEN, "green-1", log, !blueProxied);
        ControlDriver controller = controller(control);
        activate(controller, topic, Set.of("blue-1"));
        return controller;
    }

    private static ControlDriver controller(String control) {
        return new ControlDriver(KAFKA.kafka().clientProperties(), control, PAIR);
    }

    /** {@value #RATE} records/s for {@code runFor}, not started. */
    private static PacedProducer producer(String topic, Duration runFor) {
        return WorkerFixtures.producer(KAFKA.bootstrapServers(), topic, PARTITIONS, RATE, runFor);
    }

    /** Waits until the producer sent all and every sequence number was processed; returns the number sent. */
    private long delivered(PacedProducer producer, Duration runFor) throws InterruptedException {
        long total = producer.awaitDelivered(runFor.plusSeconds(60));
        await().atMost(STEP).until(() -> distinct(log) >= total);
        return total;
    }

    private static long distinct(ObservationLog log) {
        return log.snapshot().stream().map(o -> o.sequence()).distinct().count();
    }

    private void activate(ControlDriver controller, String topic, Set<String> ids) {
        controller.awaitStatus(ids, s -> s.getMode() == WorkerMode.IDLE, STEP, "reporting");
        controller.command(SlotName.BLUE, ids, c -> c.setActivate(Activate.getDefaultInstance()), STEP);
        await().atMost(STEP)
                .until(() -> ids.stream()
                                .mapToInt(w -> controller.latest(w).getAssignedCount())
                                .sum()
                        == PARTITIONS);
        controller.command(
                SlotName.BLUE, ids, c -> c.setBarrier(barrier(topic, WorkerFixtures.zeros(PARTITIONS))), STEP);
        await().atMost(STEP)
                .until(() -> ids.stream()
                                .mapToInt(w -> controller.latest(w).getActivePartitionsCount())
                                .sum()
                        == PARTITIONS);
    }

    /** blue-1 hands {@code topic} over to green-1; returns the time that took in ms, once the proxy was seen used. */
    private long handOverThroughTheProxy(ControlDriver controller, String topic) {
        long t0 = System.nanoTime();
        WorkerFixtures.handOver(controller, PAIR, topic, PARTITIONS, Set.of("blue-1"), Set.of("green-1"), STEP);
        long handoffMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(KAFKA.kafka().proxy().connections())
                .as("connections through the proxy")
                .isPositive();
        return handoffMs;
    }

    /** Waits until every record was sent and processed; audits the log against the number sent. */
    private SequenceAudit deliveredAndAudited(PacedProducer producer, Duration runFor) throws InterruptedException {
        long total = delivered(producer, runFor); // before the snapshot: it waits for the last records
        return SequenceAudit.of(log.snapshot(), total);
    }

    private static void assertNothingLostDoubledOrReordered(SequenceAudit audit) {
        assertThat(audit.missing()).isZero();
        assertThat(audit.duplicates()).isZero();
        assertThat(audit.orderViolations()).isZero();
    }

    private Worker start(String topic, String control, SlotName slot, String id, ObservationLog log, boolean proxied) {
        WorkerConfig config = WorkerConfig.parse(WorkerFixtures.env(
                proxied ? KAFKA.kafka().proxiedBootstrapServers() : KAFKA.bootstrapServers(),
                topic,
                PAIR,
                slot,
                id,
                VerifyingProcessor.class.getName(),
                control));
        Worker worker = new Worker(config, new VerifyingProcessor(log, Clock.systemUTC()), Clock.systemUTC());
        workers.add(worker);
        worker.start();
        return worker;
    }

    private static Barrier barrier(String topic, Map<Integer, Long> offsets) {
        return WorkerFixtures.barrier(topic, offsets);
    }
}
