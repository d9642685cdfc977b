package io.shadowscale.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.ControlChannel;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Activate;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.WorkerMode;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.sequence.ObservationLog;
import io.shadowscale.testkit.sequence.VerifyingProcessor;
import io.shadowscale.testkit.worker.ControlDriver;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.example.SequencedPayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two clients on one broker with an authorizer, each worker with exactly the ACLs that
 * {@code manifests/KAFKA_ACLS.md} lists: the acme worker processes acme's input into acme's output
 * over acme's control topic, and is refused globex's input, control and state topics.
 */
class WorkerAclIT {
    private static final String PASSWORD = "acl-worker-pass";
    private static final Path ACL_DOC = Path.of("..", "manifests", "KAFKA_ACLS.md");
    private static final int PARTITIONS = 3;
    private static final Duration STEP = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(TestBrokers.fastGroups()
            .authorizer()
            .scramUser("acme-worker", PASSWORD)
            .scramUser("globex-worker", PASSWORD));

    private final List<Worker> workers = new ArrayList<>();

    @AfterEach
    void stop() {
        workers.forEach(Worker::close);
    }

    /** The kafka-acls lines of the document for the workers, as written (acme) or for another client. */
    static List<String> workerAclLines(String client, String pair) throws Exception {
        return Files.readAllLines(ACL_DOC).stream()
                .filter(l -> l.contains("User:acme-worker"))
                .map(l -> l.replace("acme", client).replace("orders", pair))
                .toList();
    }

    private Map<String, String> env(String client, String pair, String control) {
        Map<String, String> env = new HashMap<>();
        env.put("SHADOWSCALE_BOOTSTRAP_SERVERS", KAFKA.kafka().saslBootstrapServers());
        env.put("SHADOWSCALE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("SHADOWSCALE_KAFKA_SASL_MECHANISM", LocalKafka.SCRAM_MECHANISM);
        env.put("SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", LocalKafka.scramJaasConfig(client + "-worker", PASSWORD));
        env.put("SHADOWSCALE_TOPICS", pair + ".v1");
        env.put("SHADOWSCALE_OUTPUT_TOPIC", pair + ".enriched");
        env.put("SHADOWSCALE_PAIR_NAMESPACE", client);
        env.put("SHADOWSCALE_PAIR_NAME", pair);
        env.put("SHADOWSCALE_SLOT", "blue");
        env.put("SHADOWSCALE_WORKER_ID", client + "-blue-1");
        env.put("SHADOWSCALE_PROCESSOR", VerifyingProcessor.class.getName());
        env.put("SHADOWSCALE_CONTROL_TOPIC", control);
        return env;
    }

    private Map<String, Object> saslClient(String user) {
        Map<String, Object> props = new HashMap<>(KAFKA.kafka().saslClientProperties(user, PASSWORD));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    @Test
    void aWorkerRunsWithTheDocumentedAclsAndIsRefusedTheOtherClientsTopics() throws Exception {
        LocalKafka kafka = KAFKA.kafka();
        for (String topic : List.of("orders.v1", "orders.enriched", "invoices.v1", "invoices.enriched")) {
            kafka.createTopic(topic, PARTITIONS);
        }
        for (String topic : List.of(
                "shadowscale.acme.control",
                "shadowscale.acme.state",
                "shadowscale.acme.orders.dlq",
                "shadowscale.globex.control",
                "shadowscale.globex.state",
                "shadowscale.globex.invoices.dlq")) {
            kafka.createTopic(topic, 1);
        }
        int acme = kafka.applyAcls(workerAclLines("acme", "orders")).size();
        int globex = kafka.applyAcls(workerAclLines("globex", "invoices")).size();
        assertThat(acme).isEqualTo(13);
        assertThat(globex).isEqualTo(13);

        // works with exactly these ACLs: consumes acme's input, writes acme's output and status
        ObservationLog log = new ObservationLog();
        Worker worker = new Worker(
                WorkerConfig.parse(env("acme", "orders", "shadowscale.acme.control")),
                new VerifyingProcessor(log, Clock.systemUTC()),
                Clock.systemUTC());
        workers.add(worker);
        worker.start();
        PairKey pair = new PairKey("acme", "orders");
        try (ControlDriver controller = new ControlDriver(kafka.clientProperties(), "shadowscale.acme.control", pair);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            Set<String> blue = Set.of("acme-blue-1");
            controller.awaitStatus(blue, s -> s.getMode() == WorkerMode.IDLE, STEP, "reporting");
            controller.command(SlotName.BLUE, blue, c -> c.setActivate(Activate.getDefaultInstance()), STEP);
            controller.awaitStatus(blue, s -> s.getAssignedCount() == PARTITIONS, STEP, "assigned");
            Barrier.Builder barrier = Barrier.newBuilder();
            IntStream.range(0, PARTITIONS)
                    .forEach(p -> barrier.addOffsets(PartitionOffset.newBuilder()
                            .setTopic("orders.v1")
                            .setPartition(p)
                            .setOffset(0)));
            controller.command(SlotName.BLUE, blue, c -> c.setBarrier(barrier), STEP);
            for (int i = 0; i < 300; i++) {
                producer.send(
                        new ProducerRecord<>("orders.v1", i % PARTITIONS, null, new SequencedPayload(i, 0).encode(32)));
            }
            producer.flush();
            await().atMost(STEP).until(() -> log.size() >= 300);
            await().atMost(STEP)
                    .untilAsserted(() ->
                            assertThat(endOffsets(kafka, "orders.enriched")).isEqualTo(300));
        }
        assertThat(log.size()).isEqualTo(300);

        // refused: another client's control topic (the worker cannot start)...
        Worker intruder = new Worker(
                WorkerConfig.parse(env("acme", "orders", "shadowscale.globex.control")),
                new VerifyingProcessor(new ObservationLog(), Clock.systemUTC()),
                Clock.systemUTC());
        workers.add(intruder);
        assertThatThrownBy(intruder::start)
                .isInstanceOf(TopicAuthorizationException.class)
                .hasMessage("Not authorized to access topics: [shadowscale.globex.control]");
        // ...its input and state topics, and its own client's state topic
        for (String topic : List.of("invoices.v1", "shadowscale.globex.state", "shadowscale.acme.state")) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(saslClient("acme-worker"))) {
                TopicPartition tp = new TopicPartition(topic, 0);
                consumer.assign(List.of(tp));
                consumer.seek(tp, 0);
                assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                        .isInstanceOf(TopicAuthorizationException.class)
                        .hasMessage("Not authorized to access topics: [" + topic + "]");
            }
        }
        // the control channel of the other client, opened directly with the worker's login
        assertThatThrownBy(
                        () -> new ControlChannel(saslClient("acme-worker"), "shadowscale.globex.control", null, e -> {})
                                .close())
                .isInstanceOf(TopicAuthorizationException.class);
        System.out.printf(
                "WORKER ACLS: %d ACL bindings per client; the acme worker processed %d records; refused "
                        + "globex control (worker start), globex input, globex state, acme state%n",
                acme, log.size());
    }

    private static long endOffsets(LocalKafka kafka, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = IntStream.range(0, PARTITIONS)
                .boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        return kafka.admin().listOffsets(request).all().get().values().stream()
                .mapToLong(i -> i.offset())
                .sum();
    }
}
