package io.shadowscale.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalKafkaIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    @Test
    void hundredThousandRecordsOnTwelvePartitionsArriveExactlyOnce() {
        LocalKafka kafka = KAFKA.kafka();
        kafka.createTopic("exactly-once-check", 12);
        int count = 100_000;
        produceSequence(kafka.bootstrapServers(), "exactly-once-check", count);

        BitSet seen = new BitSet(count);
        AtomicInteger duplicates = new AtomicInteger();
        Map<Integer, Integer> perPartition = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProps(kafka, "exactly-once", "classic"))) {
            consumer.subscribe(List.of("exactly-once-check"));
            int received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    int seq = ByteBuffer.wrap(record.value()).getInt();
                    if (seen.get(seq)) {
                        duplicates.incrementAndGet();
                    }
                    seen.set(seq);
                    perPartition.merge(record.partition(), 1, Integer::sum);
                    received++;
                }
            }
        }
        assertThat(duplicates.get()).as("duplicates").isZero();
        assertThat(seen.cardinality()).as("distinct sequence numbers received").isEqualTo(count);
        assertThat(perPartition).as("every partition carried records").hasSize(12);
    }

    @Test
    void consumerGroupProtocolKip848Works() {
        LocalKafka kafka = KAFKA.kafka();
        kafka.createTopic("kip848", 6);
        produceSequence(kafka.bootstrapServers(), "kip848", 1_000);
        BitSet seen = new BitSet();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProps(kafka, "kip848-group", "consumer"))) {
            consumer.subscribe(List.of("kip848"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> seen.set(ByteBuffer.wrap(r.value()).getInt()));
                return seen.cardinality() == 1_000;
            });
            consumer.commitSync();
        }
        assertThat(kafka.admin().describeConsumerGroups(List.of("kip848-group")).all())
                .succeedsWithin(Duration.ofSeconds(10))
                .satisfies(groups ->
                        assertThat(groups.get("kip848-group").type().toString()).isEqualToIgnoringCase("consumer"));
    }

    @Test
    void shareGroupWorks() throws Exception {
        LocalKafka kafka = KAFKA.kafka();
        kafka.createTopic("share", 3);
        // A share group starts at the latest offset unless told otherwise.
        kafka.admin()
                .incrementalAlterConfigs(Map.of(
                        new ConfigResource(ConfigResource.Type.GROUP, "share-group"),
                        List.of(new AlterConfigOp(
                                new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET))))
                .all()
                .get();
        produceSequence(kafka.bootstrapServers(), "share", 500);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "share-group");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put("share.acknowledgement.mode", "explicit");
        Map<Integer, Integer> seen = new ConcurrentHashMap<>();
        try (KafkaShareConsumer<byte[], byte[]> consumer = new KafkaShareConsumer<>(props)) {
            consumer.subscribe(List.of("share"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.merge(ByteBuffer.wrap(r.value()).getInt(), 1, Integer::sum);
                    consumer.acknowledge(r, AcknowledgeType.ACCEPT);
                }
                consumer.commitSync();
                return seen.size() == 500;
            });
        }
        assertThat(seen.values()).allMatch(n -> n == 1);
    }

    @Test
    void twoBrokersStartOneAfterTheOtherAndLeaveNothingBehind() throws IOException {
        List<Path> dirs = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (LocalKafka kafka = LocalKafka.start()) {
                dirs.add(kafka.dataDir());
                ports.add(Integer.parseInt(kafka.bootstrapServers().split(":")[1]));
                String topic = "round-" + i;
                kafka.createTopic(topic, 2);
                produceSequence(kafka.bootstrapServers(), topic, 100);
                assertThat(kafka.admin().listTopics().names())
                        .succeedsWithin(Duration.ofSeconds(10))
                        .satisfies(names -> assertThat(names).contains(topic));
                System.out.printf(
                        "broker %d started in %d ms%n", i, kafka.startupTime().toMillis());
            }
        }
        for (Path dir : dirs) {
            assertThat(Files.exists(dir)).as("data dir %s deleted", dir).isFalse();
        }
        for (int port : ports) {
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .as("port %d closed", port)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void restartKeepsRecordsAndOffsets() {
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopic("survives", 2);
            produceSequence(kafka.bootstrapServers(), "survives", 50);
            kafka.restart();
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(consumerProps(kafka, "after-restart", "classic"))) {
                consumer.subscribe(List.of("survives"));
                BitSet seen = new BitSet();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(200))
                            .forEach(r -> seen.set(ByteBuffer.wrap(r.value()).getInt()));
                    return seen.cardinality() == 50;
                });
            }
        }
    }

    @Test
    void rejectsTopicWithoutPartitions() {
        assertThatThrownBy(() -> KAFKA.kafka().createTopic("none", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partitions must be >= 1, was 0");
    }

    private static void produceSequence(String bootstrap, String topic, int count) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                byte[] value = ByteBuffer.allocate(4).putInt(i).array();
                producer.send(new ProducerRecord<>(topic, value, value));
            }
            producer.flush();
        }
    }

    private static Map<String, Object> consumerProps(LocalKafka kafka, String group, String protocol) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }
}
