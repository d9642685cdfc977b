package io.shadowscale.testkit.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.worker.example.SequencedPayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PacedProducerIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(LocalKafka.builder());

    @Test
    void sendsUpToMaxRecordsEachSequenceToItsPartitionAndRemembersTheAcks() throws Exception {
        KAFKA.kafka().createTopic("paced.count", 3);
        try (PacedProducer producer = PacedProducer.builder(KAFKA.kafka().clientProperties(), "paced.count")
                .partitions(3)
                .recordSize(40)
                .rate(5_000)
                .maxRecords(600)
                .acks("all")
                .idempotent(true)
                .trackAcks()
                .build()
                .start()) {
            assertThat(producer.awaitDelivered(Duration.ofSeconds(30))).isEqualTo(600);
            assertThat(producer.running()).isFalse();
            assertThat(producer.acked()).isEqualTo(600);
            BitSet all = new BitSet();
            all.set(0, 600);
            assertThat(producer.ackedSequences()).isEqualTo(all);
            assertThat(producer.failed()).isZero();
        }
        List<ConsumerRecord<byte[], byte[]>> records = readAll("paced.count", 3, 600);
        assertThat(records).hasSize(600).allSatisfy(r -> {
            assertThat(r.value()).hasSize(40);
            long sequence = SequencedPayload.decode(r.value()).orElseThrow().sequence();
            assertThat(sequence % 3).isEqualTo(r.partition());
            assertThat(sequence / 3).isEqualTo(r.offset());
        });
    }

    @Test
    void endsAtItsDurationAndCountsAcksWithoutTrackingThem() throws Exception {
        KAFKA.kafka().createTopic("paced.time", 1);
        try (PacedProducer producer = PacedProducer.builder(KAFKA.bootstrapServers(), "paced.time")
                .rate(200)
                .duration(Duration.ofMillis(500))
                .build()
                .start()) {
            assertThat(producer.await(Duration.ofSeconds(30))).isTrue();
            assertThat(producer.sent()).as("at most what 500 ms at 200/s owe").isBetween(1L, 100L);
            assertThat(producer.acked()).isEqualTo(producer.sent());
            assertThatThrownBy(producer::ackedSequences)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("acknowledged sequence numbers are not tracked: build with trackAcks()");
        }
    }

    @Test
    void finishStopsAnUnboundedProducer() throws Exception {
        KAFKA.kafka().createTopic("paced.finish", 2);
        try (PacedProducer producer = PacedProducer.builder(KAFKA.bootstrapServers(), "paced.finish")
                .partitions(2)
                .rate(1_000)
                .build()
                .start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> producer.sent() >= 100);
            assertThat(producer.running()).isTrue();
            producer.finish();
            assertThat(producer.running()).isFalse();
            long sent = producer.awaitDelivered(Duration.ofSeconds(30));
            assertThat(producer.sent()).isEqualTo(sent);
            assertThat(readAll("paced.finish", 2, sent)).hasSize((int) sent);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int partitions, long expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> all = IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
