package io.shadowscale.testkit.keda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongToDoubleFunction;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.shadowscale.worker.example.SequencedPayload;

/**
 * Produces {@link SequencedPayload} records (sequence 0, 1, 2, ... and the send time) at a rate
 * that follows a curve, record {@code n} to partition {@code n % partitions}, so per partition
 * the sequence numbers increase. Bounded twice: it stops after {@code duration} or at
 * {@code maxRecords}, whichever comes first, or when {@link #stop()} is called. Paced per
 * millisecond: it sends what the curve owes, then parks for a millisecond.
 */
public final class PacedProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final int recordSize;
    private final LongToDoubleFunction rateAtMillis;
    private final Duration duration;
    private final long maxRecords;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;
    private Thread thread;

    /**
     * @param rateAtMillis records/s wanted at each elapsed millisecond since {@link #start()}
     */
    public PacedProducer(Map<String, Object> clientProperties, String topic, int partitions, int recordSize,
                         LongToDoubleFunction rateAtMillis, Duration duration, long maxRecords, Clock clock) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "paced-producer-" + topic);
        this.producer = new KafkaProducer<>(props);
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partitions = partitions;
        this.recordSize = Math.max(SequencedPayload.MIN_SIZE, recordSize);
        this.rateAtMillis = Objects.requireNonNull(rateAtMillis, "rateAtMillis");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.maxRecords = maxRecords;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public synchronized PacedProducer start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::run, "paced-producer-" + topic);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        long startNanos = System.nanoTime();
        long endNanos = startNanos + duration.toNanos();
        double owed = 0;
        long lastNanos = startNanos;
        try {
            while (!stopping && sent.get() < maxRecords) {
                long now = System.nanoTime();
                if (now >= endNanos) {
                    break;
                }
                owed += rateAtMillis.applyAsDouble((now - startNanos) / 1_000_000) * (now - lastNanos) / 1e9;
                lastNanos = now;
                while (owed >= 1 && sent.get() < maxRecords && !stopping) {
                    long seq = sent.get();
                    Instant t = clock.instant();
                    long micros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
                    producer.send(new ProducerRecord<>(topic, (int) (seq % partitions), null,
                            new SequencedPayload(seq, micros).encode(recordSize)), (md, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                    sent.incrementAndGet();
                    owed -= 1;
                }
                LockSupport.parkNanos(1_000_000);
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Records handed to the producer so far (sequence numbers {@code 0 .. sent-1}). */
    public long sent() {
        return sent.get();
    }

    /** The first send failure, if any (a failed send means a sequence number is missing at the source). */
    public Throwable failure() {
        return failure.get();
    }

    public boolean running() {
        return thread != null && thread.isAlive();
    }

    /** Stops sending and waits (bounded) until everything sent is acknowledged. */
    public void stop() throws InterruptedException {
        stopping = true;
        if (thread != null) {
            thread.join(30_000);
        }
    }

    /** Waits until the curve's duration or the record bound ended it (at most {@code timeout}). */
    public boolean await(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        producer.close(Duration.ofSeconds(10));
    }
}
