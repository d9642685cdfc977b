package io.shadowscale.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.sequence.Observation;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.VerifyingProcessor;
import io.shadowscale.testkit.worker.ControlDriver;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.errors.DeadLetters;
import io.shadowscale.worker.example.SequencedPayload;
import io.shadowscale.worker.http.HealthServer;
import io.shadowscale.worker.http.WorkerMetrics;
import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A processor that throws on every record whose sequence number is {@value #POISON_REMAINDER}
 * modulo {@value #POISON_MODULUS}, through a blue -> green walk under load, with the default error
 * policy (retries, then the dead-letter topic): every other record is in the output exactly once,
 * every poison record is in the dead-letter topic exactly once with its context headers, and every
 * partition is processed to its end. With exactly-once the dead-letter records are read
 * {@code read_committed}, so they committed in the input partition's transactions.
 */
class PoisonRecordIT {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private static final String TOPIC = "orders";
    private static final String OUTPUT = "orders.out";
    private static final String CONTROL = "shadowscale.control";
    private static final String DLQ = "shadowscale.shop.orders.dlq";
    private static final int PARTITIONS = 6;
    private static final long POISON_MODULUS = 97;
    private static final long POISON_REMAINDER = 13;
    private static final Duration STEP = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(TestBrokers.fastGroups());

    private final List<Worker> workers = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        workers.forEach(Worker::close);
        for (AutoCloseable other : others) {
            other.close();
        }
    }

    /** Throws on poison sequence numbers, else records the observation as {@link VerifyingProcessor} does. */
    public static final class Poisoned implements RecordProcessor {
        private final VerifyingProcessor verifying = new VerifyingProcessor(null, Clock.systemUTC());

        @Override
        public void open(ProcessorContext context) {
            verifying.open(context);
        }

        @Override
        public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) {
            long sequence =
                    SequencedPayload.decode(record.value()).orElseThrow().sequence();
            if (isPoison(sequence)) {
                throw new IllegalArgumentException("poison record, sequence " + sequence);
            }
            verifying.process(record, sink);
        }
    }

    static boolean isPoison(long sequence) {
        return sequence % POISON_MODULUS == POISON_REMAINDER;
    }

    @ParameterizedTest(name = "exactlyOnce={0}")
    @ValueSource(booleans = {false, true})
    void poisonRecordsGoToTheDeadLetterTopicAndEveryOtherRecordIsProcessedOnceThroughAWalk(boolean exactlyOnce)
            throws Exception {
        String suffix = exactlyOnce ? "-eos" : "";
        String topic = TOPIC + suffix;
        KAFKA.kafka().createTopic(topic, PARTITIONS);
        KAFKA.kafka().createTopic(OUTPUT + suffix, PARTITIONS);
        KAFKA.kafka().createTopic(CONTROL + suffix, 1);
        KAFKA.kafka().createTopic(DLQ + suffix, 1);
        Worker blue = start(SlotName.BLUE, "blue-1", exactlyOnce, suffix);
        Worker green = start(SlotName.GREEN, "green-1", exactlyOnce, suffix);
        WorkerMetrics greenMetrics = new WorkerMetrics(green::snapshot, Map.of("worker", "green-1"));
        green.observeStatus(greenMetrics::published);
        HealthServer greenHttp = new HealthServer(0, green::alive, green::snapshot, greenMetrics.registry());
        others.add(greenHttp);
        long rate = 2_000;
        Duration runFor = Duration.ofSeconds(8);
        long total = rate * runFor.toSeconds();
        Set<Long> poison = LongStream.range(0, total)
                .filter(PoisonRecordIT::isPoison)
                .boxed()
                .collect(Collectors.toSet());

        try (ControlDriver controller = new ControlDriver(KAFKA.kafka().clientProperties(), CONTROL + suffix, PAIR);
                PacedProducer producer =
                        WorkerFixtures.producer(KAFKA.bootstrapServers(), topic, PARTITIONS, rate, runFor)) {
            WorkerFixtures.blueActiveFromZero(controller, topic, PARTITIONS, STEP);
            producer.start();
            await().atMost(STEP).until(() -> producer.sent() > total / 3);
            handOver(controller, topic);
            producer.awaitDelivered(runFor.plusSeconds(60));

            Map<TopicPartition, Long> ends = KAFKA
                    .kafka()
                    .admin()
                    .listOffsets(IntStream.range(0, PARTITIONS)
                            .boxed()
                            .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest())))
                    .all()
                    .get()
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
            // no partition stuck: green processed every partition to its end
            await().atMost(STEP)
                    .untilAsserted(() -> assertThat(green.snapshot().positions())
                            .isEqualTo(ends.entrySet().stream()
                                    .collect(Collectors.toMap(
                                            e -> new Partition(topic, e.getKey().partition()), Map.Entry::getValue))));

            List<ConsumerRecord<byte[], byte[]>> output =
                    readCommitted(OUTPUT + suffix, PARTITIONS, total - poison.size());
            Map<Long, Long> outputCounts = output.stream()
                    .map(r -> Observation.decode(r.value()).sequence())
                    .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
            List<ConsumerRecord<byte[], byte[]>> dead = readCommitted(DLQ + suffix, 1, poison.size());
            Map<Long, Long> deadCounts = dead.stream()
                    .map(r -> SequencedPayload.decode(r.value()).orElseThrow().sequence())
                    .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
            long deadByBlue = blue.snapshot().errors().deadLettered();
            long deadByGreen = green.snapshot().errors().deadLettered();
            System.out.printf(
                    "POISON RESULT (exactlyOnce=%s): %d records, %d poison; output %d records (%d distinct), "
                            + "dead-letter topic %d records (%d distinct); dead-lettered by blue %d, by green %d; "
                            + "failed attempts blue %d, green %d%n",
                    exactlyOnce,
                    total,
                    poison.size(),
                    output.size(),
                    outputCounts.size(),
                    dead.size(),
                    deadCounts.size(),
                    deadByBlue,
                    deadByGreen,
                    blue.snapshot().errors().failed(),
                    green.snapshot().errors().failed());

            Map<Long, Long> once = LongStream.range(0, total)
                    .filter(s -> !isPoison(s))
                    .boxed()
                    .collect(Collectors.toMap(s -> s, s -> 1L));
            assertThat(outputCounts).isEqualTo(once);
            assertThat(deadCounts).isEqualTo(poison.stream().collect(Collectors.toMap(s -> s, s -> 1L)));
            assertThat(deadByBlue + deadByGreen).isEqualTo(poison.size());
            assertThat(deadByBlue).as("blue dead-lettered before the handoff").isPositive();
            assertThat(deadByGreen).as("green dead-lettered after the handoff").isPositive();
            for (ConsumerRecord<byte[], byte[]> record : dead) {
                long sequence =
                        SequencedPayload.decode(record.value()).orElseThrow().sequence();
                Map<String, String> context = new HashMap<>();
                DeadLetters.contextKeys().forEach(k -> context.put(k, DeadLetters.header(record.headers(), k)));
                assertThat(context)
                        .containsEntry(DeadLetters.TOPIC, topic)
                        .containsEntry(DeadLetters.PARTITION, Long.toString(sequence % PARTITIONS))
                        .containsEntry(DeadLetters.ATTEMPTS, "3")
                        .containsEntry(DeadLetters.EXCEPTION_CLASS, IllegalArgumentException.class.getName())
                        .containsEntry(DeadLetters.EXCEPTION_MESSAGE, "poison record, sequence " + sequence)
                        .containsEntry(DeadLetters.PAIR, "shop/orders");
                assertThat(context.get(DeadLetters.SLOT)).isIn("blue", "green");
                // the input is written without transactions: partition p holds p, p + 6, p + 12, ... at offsets 0, 1,
                // 2, ...
                assertThat(context).containsEntry(DeadLetters.OFFSET, Long.toString(sequence / PARTITIONS));
            }
            String metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + greenHttp.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(metrics)
                    .contains("shadowscale_worker_records_dead_lettered_total{worker=\"green-1\"} " + deadByGreen
                            + ".0\n"); // the Prometheus client writes every value as a double
        }
    }

    private void handOver(ControlDriver controller, String topic) {
        WorkerFixtures.handOver(controller, PAIR, topic, PARTITIONS, Set.of("blue-1"), Set.of("green-1"), STEP);
    }

    private Worker start(SlotName slot, String id, boolean exactlyOnce, String suffix) {
        Map<String, String> env = WorkerFixtures.env(
                KAFKA.bootstrapServers(), TOPIC + suffix, PAIR, slot, id, Poisoned.class.getName(), CONTROL + suffix);
        env.put("SHADOWSCALE_OUTPUT_TOPIC", OUTPUT + suffix);
        env.put("SHADOWSCALE_EXACTLY_ONCE", Boolean.toString(exactlyOnce));
        env.put("SHADOWSCALE_TRANSACTIONAL_ID_PREFIX", "poison" + suffix);
        env.put("SHADOWSCALE_DEAD_LETTER_TOPIC", DLQ + suffix);
        env.put("SHADOWSCALE_ERROR_RETRIES", "2");
        env.put("SHADOWSCALE_ERROR_BACKOFF_MS", "1");
        env.put("SHADOWSCALE_ERROR_BACKOFF_MAX_MS", "4");
        WorkerConfig config = WorkerConfig.parse(env);
        Worker worker = new Worker(config, new Poisoned(), Clock.systemUTC());
        workers.add(worker);
        worker.start();
        return worker;
    }

    private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int partitions, long expected) {
        return WorkerFixtures.readCommitted(KAFKA.bootstrapServers(), topic, partitions, expected);
    }
}
