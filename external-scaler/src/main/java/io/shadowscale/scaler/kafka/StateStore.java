package io.shadowscale.scaler.kafka;

import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.PairState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
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
 *
 * <p>Every call is bounded whatever Kafka does: a write by {@link #WRITE_TIMEOUT} (the producer's
 * {@code max.block.ms}, {@code request.timeout.ms} and {@code delivery.timeout.ms} are set to it,
 * so a state topic missing from the metadata fails the write after 5 s, not Kafka's default 60 s),
 * a read by {@link #READ_TIMEOUT}. After a write failed, the next ones fail at once for
 * {@link #FAIL_FAST} (the controller writes on its single tick thread: several pairs waiting a full
 * timeout each on the same broken topic would stall the tick for all of them).
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    /** Longest a write waits (metadata, send and acknowledgement together). */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
    /** Longest {@link #readAll} takes (metadata, end offsets and the read to the end together). */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** How long writes fail at once after a failed one. */
    public static final Duration FAIL_FAST = Duration.ofSeconds(5);

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final Map<String, Object> clientProperties;
    private final KafkaProducer<String, byte[]> producer;
    private final LongSupplier nanoTime;
    private volatile boolean failing;
    private volatile long failingUntil;
    private volatile String lastFailure = "";

    public StateStore(Map<String, Object> clientProperties, String topic) {
        this(clientProperties, topic, System::nanoTime);
    }

    StateStore(Map<String, Object> clientProperties, String topic, LongSupplier nanoTime) {
        this.topic = topic;
        this.nanoTime = nanoTime;
        this.clientProperties = Map.copyOf(clientProperties);
        Map<String, Object> props = new HashMap<>(clientProperties);
        int bound = (int) WRITE_TIMEOUT.toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, bound);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, bound);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, bound);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "shadowscale-state-writer");
        this.producer = new KafkaProducer<>(props);
    }

    /**
     * Writes the state and waits for the broker, at most {@link #WRITE_TIMEOUT}; within
     * {@link #FAIL_FAST} of a failed write it fails at once.
     */
    public void write(PairState state) {
        long start = nanoTime.getAsLong();
        if (failing && start - failingUntil < 0) {
            throw new IllegalStateException("did not write the state of " + state.pair() + " to " + topic
                    + ": a write failed less than " + FAIL_FAST.toSeconds() + " s ago (" + lastFailure + ")");
        }
        try {
            Future<?> sent =
                    producer.send(new ProducerRecord<>(topic, state.pair().toString(), StateCodec.encode(state)));
            long left = WRITE_TIMEOUT.toNanos() - (nanoTime.getAsLong() - start);
            sent.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (InterruptedException | InterruptException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing the state of " + state.pair(), e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            lastFailure = cause.toString();
            failingUntil = nanoTime.getAsLong() + FAIL_FAST.toNanos();
            failing = true;
            throw new IllegalStateException(
                    "could not write the state of " + state.pair() + " to " + topic + ": " + cause, e);
        }
        failing = false;
    }

    /** Every pair's latest state (highest epoch), read from the beginning of the topic to its end. */
    public Map<PairKey, PairState> readAll() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "shadowscale-state-reader");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        Map<PairKey, PairState> states = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            List<PartitionInfo> infos = consumer.partitionsFor(topic, CALL_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("state topic '" + topic + "' does not exist");
            }
            List<TopicPartition> parts = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, CALL_TIMEOUT);
            while (parts.stream().anyMatch(tp -> consumer.position(tp, CALL_TIMEOUT) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read state topic '" + topic + "' to its end within "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        PairState s = StateCodec.decode(r.value());
                        states.merge(s.pair(), s, (a, b) -> b.epoch() >= a.epoch() ? b : a);
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "ignored state record {} at {}-{}@{}: {}",
                                r.key(),
                                r.topic(),
                                r.partition(),
                                r.offset(),
                                e.getMessage());
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
