package io.shadowscale.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.common.Partition;
import io.shadowscale.localkafka.LocalKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StartOffsetsIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    @Test
    void commitsTheLogEndOnlyWherePartitionsHaveNoCommit() throws Exception {
        KAFKA.kafka().createTopic("seed.in", 3);
        produce("seed.in", 0, 5);
        produce("seed.in", 1, 2);
        KAFKA.kafka()
                .admin()
                .alterConsumerGroupOffsets(
                        "seed.group", Map.of(new TopicPartition("seed.in", 1), new OffsetAndMetadata(1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        Partition p0 = new Partition("seed.in", 0);
        Partition p1 = new Partition("seed.in", 1);
        Partition p2 = new Partition("seed.in", 2);
        Set<Partition> parts = Set.of(p0, p1, p2);

        Map<Partition, Long> seeded = StartOffsets.seedMissing(KAFKA.kafka().admin(), "seed.group", parts);

        assertThat(seeded).isEqualTo(Map.of(p0, 5L, p2, 0L));
        assertThat(new ClusterReader(KAFKA.kafka().admin()).committed("seed.group"))
                .isEqualTo(Map.of(p0, 5L, p1, 1L, p2, 0L));
        assertThat(StartOffsets.seedMissing(KAFKA.kafka().admin(), "seed.group", parts))
                .isEmpty();
    }

    @Test
    void refusesAGroupWithMembers() {
        KAFKA.kafka().createTopic("busy.in", 1);
        try (Consumer<byte[], byte[]> member = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "busy.group",
                ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                "consumer",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            member.subscribe(List.of("busy.in"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });

            assertThatThrownBy(() -> StartOffsets.seedMissing(
                            KAFKA.kafka().admin(), "busy.group", Set.of(new Partition("busy.in", 0))))
                    .isInstanceOfSatisfying(
                            IllegalStateException.class,
                            e -> assertThat(StartOffsets.groupHasMembers(e))
                                    .as("group has members: " + e)
                                    .isTrue());
        }
    }

    private static void produce(String topic, int partition, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, null, new byte[] {1}))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }
}
