package io.shadowscale.e2e.worker;

import io.shadowscale.testkit.worker.ControlDriver;
import io.shadowscale.testkit.worker.SequenceProducer;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Activate;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Warm;
import io.shadowscale.control.proto.WorkerMode;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.testkit.sequence.Observation;
import io.shadowscale.testkit.sequence.ObservationLog;
import io.shadowscale.testkit.sequence.SequenceAudit;
import io.shadowscale.testkit.sequence.VerifyingProcessor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(LocalKafka.builder()
            .brokerProperty("group.consumer.heartbeat.interval.ms", "500")
            .brokerProperty("group.consumer.min.heartbeat.interval.ms", "500"));

    private final List<Worker> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.forEach(Worker::close);
    }

    @Test
    @SuppressWarnings("checkstyle:InlineQualifiedName") // two WorkerModes: the proto's is imported
    void newOwnersInitTransactionsFencesAZombieOwnerAndOutputStaysExactlyOnce() throws Exception {
        KAFKA.kafka().createTopic(TOPIC, PARTITIONS);
        KAFKA.kafka().createTopic(OUTPUT, PARTITIONS);
        KAFKA.kafka().createTopic(CONTROL, 1);
        ObservationLog processedAnyhow = new ObservationLog();
        Worker blue = start(SlotName.BLUE, "blue-1", processedAnyhow);
        Worker green = start(SlotName.GREEN, "green-1", processedAnyhow);
        long rate = 2_000;
        Duration runFor = Duration.ofSeconds(10);
        long total = SequenceProducer.total(rate, runFor);

        try (ControlDriver controller = new ControlDriver(KAFKA.kafka().clientProperties(), CONTROL, PAIR);
             SequenceProducer producer = new SequenceProducer(KAFKA.bootstrapServers(), TOPIC, PARTITIONS, rate, runFor, 32)) {
            controller.awaitStatus(Set.of("blue-1", "green-1"), s -> s.getMode() == WorkerMode.IDLE, STEP, "reporting");
            controller.command(SlotName.BLUE, Set.of("blue-1"), c -> c.setActivate(Activate.getDefaultInstance()), STEP);
            controller.awaitStatus(Set.of("blue-1"), s -> s.getAssignedCount() == PARTITIONS, STEP, "blue assigned");
            controller.command(SlotName.BLUE, Set.of("blue-1"), c -> c.setBarrier(zeros()), STEP);
            producer.start();
            controller.command(SlotName.GREEN, Set.of("green-1"), c -> c.setWarm(Warm.newBuilder()
                    .setExpectedWorkers(1).setActiveGroup(PAIR.groupId(SlotName.BLUE))), STEP);
            controller.awaitStatus(Set.of("green-1"), s -> s.getReady(), STEP, "green ready");
            await().atMost(STEP).until(() -> producer.sent() > total / 3);

            // No fence for blue: it is a zombie that keeps processing until its producers are fenced.
            controller.command(SlotName.GREEN, Set.of("green-1"), c -> c.setBarrier(Barrier.newBuilder()
                    .setSourceGroup(PAIR.groupId(SlotName.BLUE))), STEP);
            controller.awaitStatus(Set.of("green-1"), s -> s.getActivePartitionsCount() == PARTITIONS, STEP, "green active");
            await().atMost(STEP).untilAsserted(() -> {
                assertThat(blue.snapshot().fenced()).hasSize(PARTITIONS);
                assertThat(blue.snapshot().active()).isEmpty();
                assertThat(blue.mode()).isEqualTo(io.shadowscale.worker.model.WorkerMode.ACTIVE);
            });
            producer.await(runFor.plusSeconds(60));

            List<Observation> committed = readCommitted(total);
            SequenceAudit audit = SequenceAudit.of(committed, total);
            System.out.printf("EXACTLY-ONCE TAKEOVER: %d committed observations of %d; duplicates=%d missing=%d "
                            + "orderViolations=%d; records processed in total (incl. aborted transactions): %d%n",
                    committed.size(), total, audit.duplicates(), audit.missing(), audit.orderViolations(),
                    processedAnyhow.size());
            assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
            assertThat(committed.stream().map(Observation::slot).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(SlotName.BLUE, SlotName.GREEN);
            assertThat(green.snapshot().recordsProcessed()).isPositive();
        }
    }

    private Worker start(SlotName slot, String id, ObservationLog log) {
        WorkerConfig config = WorkerConfig.parse(Map.of(
                "SHADOWSCALE_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
                "SHADOWSCALE_TOPICS", TOPIC,
                "SHADOWSCALE_PAIR_NAMESPACE", PAIR.namespace(),
                "SHADOWSCALE_PAIR_NAME", PAIR.name(),
                "SHADOWSCALE_SLOT", slot.label(),
                "SHADOWSCALE_WORKER_ID", id,
                "SHADOWSCALE_PROCESSOR", VerifyingProcessor.class.getName(),
                "SHADOWSCALE_OUTPUT_TOPIC", OUTPUT,
                "SHADOWSCALE_EXACTLY_ONCE", "true",
                "SHADOWSCALE_CONTROL_TOPIC", CONTROL));
        Worker worker = new Worker(config, new VerifyingProcessor(log, Clock.systemUTC()), Clock.systemUTC());
        workers.add(worker);
        worker.start();
        return worker;
    }

    /** Reads the output topic as a read_committed consumer until {@code expected} observations or quiet. */
    private List<Observation> readCommitted(long expected) {
        List<Observation> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(OUTPUT, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(out.size() >= expected ? 3 : 30).toNanos()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    out.add(Observation.decode(record.value()));
                    quietSince = System.nanoTime();
                }
            }
        }
        return out;
    }

    private static Barrier zeros() {
        Barrier.Builder barrier = Barrier.newBuilder();
        IntStream.range(0, PARTITIONS).forEach(p -> barrier.addOffsets(
                PartitionOffset.newBuilder().setTopic(TOPIC).setPartition(p).setOffset(0)));
        return barrier.build();
    }
}
