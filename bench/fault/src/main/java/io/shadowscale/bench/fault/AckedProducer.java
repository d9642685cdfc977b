package io.shadowscale.bench.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.shadowscale.worker.example.SequencedPayload;

/**
 * A steady-rate producer of {@link SequencedPayload} records (sequence 0, 1, 2, ..., record
 * {@code n} to partition {@code n % partitions}) that remembers which sequence numbers the broker
 * acknowledged: only those can be lost. Idempotent, {@code acks=all}, Kafka's default two-minute
 * delivery timeout, so a broker restart delays sends but does not fail them. Bounded: stops at
 * {@code maxRecords} or on {@link #stop()}.
 */
final class AckedProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final int recordSize;
    private final double rate;
    private final long maxRecords;
    private final BitSet acked = new BitSet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;

    AckedProducer(Map<String, Object> clientProperties, String topic, int partitions, int recordSize, double rate,
                  long maxRecords) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "fault-producer-" + topic);
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.partitions = partitions;
        this.recordSize = Math.max(SequencedPayload.MIN_SIZE, recordSize);
        this.rate = rate;
        this.maxRecords = maxRecords;
        this.thread = new Thread(this::run, "fault-producer-" + topic);
        this.thread.setDaemon(true);
    }

    AckedProducer start() {
        thread.start();
        return this;
    }

    private void run() {
        long start = System.nanoTime();
        try {
            while (!stopping && sent.get() < maxRecords) {
                long owed = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sent.get() < owed && sent.get() < maxRecords && !stopping) {
                    long seq = sent.getAndIncrement();
                    Instant t = Instant.now();
                    byte[] value = new SequencedPayload(seq, t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000)
                            .encode(recordSize);
                    producer.send(new ProducerRecord<>(topic, (int) (seq % partitions), null, value), (md, e) -> {
                        if (e == null) {
                            synchronized (acked) {
                                acked.set((int) seq);
                            }
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                        }
                    });
                }
                LockSupport.parkNanos(1_000_000);
            }
            producer.flush();
        } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, e);
        }
    }

    /** Records handed to the producer (sequence numbers {@code 0 .. sent-1}). */
    long sent() {
        return sent.get();
    }

    /** Sends the broker refused after all retries (those sequence numbers are not expected). */
    long failed() {
        return failed.get();
    }

    Throwable firstFailure() {
        return firstFailure.get();
    }

    /** A copy of the acknowledged sequence numbers. */
    BitSet acked() {
        synchronized (acked) {
            return (BitSet) acked.clone();
        }
    }

    long ackedCount() {
        synchronized (acked) {
            return acked.cardinality();
        }
    }

    /** Stops sending and waits (bounded by {@code timeout}) until every send is answered. */
    void stop(Duration timeout) throws InterruptedException {
        stopping = true;
        thread.join(timeout.toMillis());
        producer.flush();
    }

    @Override
    public void close() {
        stopping = true;
        producer.close(Duration.ofSeconds(10));
    }
}
