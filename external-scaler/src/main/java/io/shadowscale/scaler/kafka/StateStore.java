package io.shadowscale.scaler.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.PairState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted state topic: {@link #write} puts a pair's state (synchronously, acks=all) before
 * any command of that state is sent; {@link #readAll} reads the topic from the start to its end
 * and keeps, per pair, the record with the highest epoch (so a late write of a deposed controller
 * with a lower epoch never wins).
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private final String topic;
    private final Map<String, Object> clientProperties;
    private final KafkaProducer<String, byte[]> producer;

    public StateStore(Map<String, Object> clientProperties, String topic) {
        this.topic = topic;
        this.clientProperties = Map.copyOf(clientProperties);
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "shadowscale-state-writer");
        this.producer = new KafkaProducer<>(props);
    }

    /** Writes the state and waits for the broker (at most 10 s). */
    public void write(PairState state) {
        try {
            producer.send(new ProducerRecord<>(topic, state.pair().toString(), StateCodec.encode(state)))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing the state of " + state.pair(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the state of " + state.pair() + " to " + topic + ": " + e, e);
        }
    }

    /** Every pair's latest state (highest epoch), read from the beginning of the topic to its end. */
    public Map<PairKey, PairState> readAll() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "shadowscale-state-reader");
        Map<PairKey, PairState> states = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("state topic '" + topic + "' does not exist");
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read state topic '" + topic + "' to its end within 60 s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        PairState s = StateCodec.decode(r.value());
                        states.merge(s.pair(), s, (a, b) -> b.epoch() >= a.epoch() ? b : a);
                    } catch (RuntimeException e) {
                        LOG.warn("ignored state record {} at {}-{}@{}: {}", r.key(), r.topic(), r.partition(),
                                r.offset(), e.getMessage());
                    }
                }
            }
        }
        return states;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
