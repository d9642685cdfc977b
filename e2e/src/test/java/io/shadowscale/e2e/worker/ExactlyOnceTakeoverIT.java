package io.shadowscale.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.sequence.Observation;
import io.shadowscale.testkit.sequence.ObservationLog;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.SequenceAudit;
import io.shadowscale.testkit.sequence.VerifyingProcessor;
import io.shadowscale.testkit.worker.ControlDriver;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.model.WorkerMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once takeover without a fence: the old owner (blue) never hears a fence command and keeps
 * processing; the new owner (green) takes over with a barrier naming blue's group as source. Its
 * {@code initTransactions()} on each partition's transactional id fences blue's producer, then it
 * starts at blue's stable committed offsets. The committed output holds every sequence number
 * exactly once, in order per partition.
 */
class ExactlyOnceTakeoverIT {
    private static final PairKey PAIR = new PairKey("shop", "payments");
    private static final String TOPIC = "payments";
    private static final String OUTPUT = "payments.observed";
    private static final String CONTROL = "shadowscale.control";
    private static final int PARTITIONS = 4;
    private static final Duration STEP = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(TestBrokers.fastGroups());

    private final List<Worker> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.forEach(Worker::close);
    }

    @Test
    void newOwnersInitTransactionsFencesAZombieOwnerAndOutputStaysExactlyOnce() throws Exception {
        KAFKA.kafka().createTopic(TOPIC, PARTITIONS);
        KAFKA.kafka().createTopic(OUTPUT, PARTITIONS);
        KAFKA.kafka().createTopic(CONTROL, 1);
        ObservationLog processedAnyhow = new ObservationLog();
        Worker blue = start(SlotName.BLUE, "blue-1", processedAnyhow);
        Worker green = start(SlotName.GREEN, "green-1", processedAnyhow);
        long rate = 2_000;
        Duration runFor = Duration.ofSeconds(10);
        long total = rate * runFor.toSeconds();

        try (ControlDriver controller = new ControlDriver(KAFKA.kafka().clientProperties(), CONTROL, PAIR);
                PacedProducer producer =
                        WorkerFixtures.producer(KAFKA.bootstrapServers(), TOPIC, PARTITIONS, rate, runFor)) {
            WorkerFixtures.blueActiveFromZero(controller, TOPIC, PARTITIONS, STEP);
            producer.start();
            WorkerFixtures.warmGreen(controller, PAIR, Set.of("green-1"), STEP);
            await().atMost(STEP).until(() -> producer.sent() > total / 3);

            // No fence for blue: it is a zombie that keeps processing until its producers are fenced.
            controller.command(
                    SlotName.GREEN,
                    Set.of("green-1"),
                    c -> c.setBarrier(Barrier.newBuilder().setSourceGroup(PAIR.groupId(SlotName.BLUE))),
                    STEP);
            controller.awaitStatus(
                    Set.of("green-1"), s -> s.getActivePartitionsCount() == PARTITIONS, STEP, "green active");
            await().atMost(STEP).untilAsserted(() -> {
                assertThat(blue.snapshot().fenced()).hasSize(PARTITIONS);
                assertThat(blue.snapshot().active()).isEmpty();
                assertThat(blue.mode()).isEqualTo(WorkerMode.ACTIVE);
            });
            producer.awaitDelivered(runFor.plusSeconds(60));

            List<Observation> committed = readCommitted(total);
            SequenceAudit audit = SequenceAudit.of(committed, total);
            System.out.printf(
                    "EXACTLY-ONCE TAKEOVER: %d committed observations of %d; duplicates=%d missing=%d "
                            + "orderViolations=%d; records processed in total (incl. aborted transactions): %d%n",
                    committed.size(),
                    total,
                    audit.duplicates(),
                    audit.missing(),
                    audit.orderViolations(),
                    processedAnyhow.size());
            assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
            assertThat(committed.stream().map(Observation::slot).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(SlotName.BLUE, SlotName.GREEN);
            assertThat(green.snapshot().recordsProcessed()).isPositive();
        }
    }

    private Worker start(SlotName slot, String id, ObservationLog log) {
        Map<String, String> env = WorkerFixtures.env(
                KAFKA.bootstrapServers(), TOPIC, PAIR, slot, id, VerifyingProcessor.class.getName(), CONTROL);
        env.put("SHADOWSCALE_OUTPUT_TOPIC", OUTPUT);
        env.put("SHADOWSCALE_EXACTLY_ONCE", "true");
        WorkerConfig config = WorkerConfig.parse(env);
        Worker worker = new Worker(config, new VerifyingProcessor(log, Clock.systemUTC()), Clock.systemUTC());
        workers.add(worker);
        worker.start();
        return worker;
    }

    /** Reads the output topic as a read_committed consumer until {@code expected} observations or quiet. */
    private List<Observation> readCommitted(long expected) {
        return WorkerFixtures.readCommitted(KAFKA.bootstrapServers(), OUTPUT, PARTITIONS, expected).stream()
                .map(record -> Observation.decode(record.value()))
                .toList();
    }
}
