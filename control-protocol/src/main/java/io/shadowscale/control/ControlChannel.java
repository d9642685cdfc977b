package io.shadowscale.control;

import io.shadowscale.control.proto.ControlEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A participant's connection to the control topic: sends envelopes (keyed by pair) and delivers
 * every envelope that arrives after it opened to a listener, on one thread of its own.
 *
 * <p>It reads without a consumer group (partitions assigned by hand, starting at the end), so
 * joining or leaving the control plane never rebalances anything. New participants see only what
 * is sent after they open: the controller repeats the command of the current phase until every
 * worker has answered it, and workers send their status on every change and as a heartbeat, so no
 * history is needed. Rejected records (malformed, newer version) are counted and logged, never
 * delivered.
 *
 * <p>A send never blocks its caller longer than {@link #SEND_TIMEOUT} (the producer's
 * {@code max.block.ms}, {@code request.timeout.ms} and {@code delivery.timeout.ms}; Kafka's default
 * would wait 60 s for a topic missing from the metadata), and after a send timed out the next ones
 * fail at once for {@link #FAIL_FAST}: both sides repeat what they send (commands until answered,
 * status as a heartbeat), so a record dropped then is sent again, while a caller that sends for many
 * pairs on one thread is not held up once per pair.
 */
public final class ControlChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    /** Longest a send blocks its caller, and longest until its future completes. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    /** How long sends fail at once after one timed out. */
    public static final Duration FAIL_FAST = Duration.ofSeconds(5);

    private volatile long failingUntil = System.nanoTime() - 1;
    private volatile boolean failing;
    private volatile String lastFailure = "";

    /**
     * Opens the channel.
     *
     * @param clientProperties bootstrap servers and security settings, passed to both clients
     * @param topic the control topic
     * @param onlyPair if not null, read only the partition that carries this pair's records
     * @param listener called on the reader thread for every valid envelope
     */
    public ControlChannel(
            Map<String, Object> clientProperties, String topic, PairKey onlyPair, Consumer<ControlEnvelope> listener) {
        this.topic = Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(listener, "listener");
        Map<String, Object> producerProps = new HashMap<>(clientProperties);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        int bound = (int) SEND_TIMEOUT.toMillis();
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, bound);
        producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, bound);
        producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, bound);
        producerProps.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "shadowscale-control-producer");
        this.producer = new KafkaProducer<>(producerProps);

        Map<String, Object> consumerProps = new HashMap<>(clientProperties);
        consumerProps.keySet().removeIf(k -> k.equals(ConsumerConfig.GROUP_ID_CONFIG));
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        consumerProps.put(
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                1); // a command is read the moment it is written, whatever the pass-through says
        consumerProps.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "shadowscale-control-reader");
        try {
            this.consumer = new KafkaConsumer<>(consumerProps);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }

        List<PartitionInfo> partitions;
        try {
            // fails at once when the broker refuses the login (AuthenticationException), not after 30 s
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            producer.close(Duration.ZERO);
            throw e;
        }
        if (partitions == null || partitions.isEmpty()) {
            consumer.close();
            producer.close();
            throw new IllegalStateException("control topic '" + topic + "' does not exist");
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .filter(tp -> onlyPair == null || tp.partition() == partitionOf(onlyPair, partitions.size()))
                .collect(Collectors.toList());
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(consumer::position); // resolve the end now, so nothing sent after open is missed
        this.reader = new Thread(() -> readLoop(listener), "control-reader-" + topic);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** The partition the default partitioner puts a pair's records in. */
    public static int partitionOf(PairKey pair, int partitions) {
        byte[] key = pair.toString().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /**
     * Sends an envelope keyed by its pair; the future completes when the broker has it, or fails
     * within {@link #SEND_TIMEOUT} (at once within {@link #FAIL_FAST} of a send that timed out).
     */
    public CompletableFuture<RecordMetadata> send(ControlEnvelope envelope) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        if (failing && System.nanoTime() - failingUntil < 0) {
            result.completeExceptionally(new IllegalStateException("not sent to " + topic + ": a send timed out less "
                    + "than " + FAIL_FAST.toSeconds() + " s ago (" + lastFailure + ")"));
            return result;
        }
        String key = PairKey.fromProto(envelope.getPair()).toString();
        try {
            producer.send(new ProducerRecord<>(topic, key, ControlCodec.encode(envelope)), (metadata, error) -> {
                if (error != null) {
                    if (error instanceof TimeoutException) {
                        failFast(error);
                    }
                    result.completeExceptionally(error);
                } else {
                    failing = false;
                    result.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            failFast(e);
            result.completeExceptionally(e);
        }
        return result;
    }

    private void failFast(Throwable error) {
        lastFailure = error.toString();
        failingUntil = System.nanoTime() + FAIL_FAST.toNanos();
        failing = true;
    }

    /** Sends raw bytes (tests and the fault bench use it to send malformed records). */
    public void sendRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.flush();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    public long deliveredCount() {
        return delivered.get();
    }

    private void readLoop(Consumer<ControlEnvelope> listener) {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ControlCodec.Decoded decoded = ControlCodec.decode(record.value());
                    if (!decoded.ok()) {
                        rejected.incrementAndGet();
                        LOG.warn(
                                "ignored control record at {}-{}@{}: {}",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                decoded.rejection());
                        continue;
                    }
                    delivered.incrementAndGet();
                    try {
                        listener.accept(decoded.envelope().get());
                    } catch (RuntimeException e) {
                        LOG.error(
                                "control listener failed on {}-{}@{}",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                e);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running.get()) {
                LOG.error("control reader stopped", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            consumer.wakeup();
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(5));
        }
    }
}
