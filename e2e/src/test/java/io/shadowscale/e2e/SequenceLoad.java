package io.shadowscale.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.shadowscale.worker.example.SequencedPayload;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces sequence numbers 0, 1, 2, ... ({@link SequencedPayload}) at a fixed rate on a thread
 * of its own, sequence {@code s} into partition {@code s % partitions}, until {@link #finish()},
 * {@code maxRecords} or {@code maxTime}, whichever comes first. Acknowledged sends are counted, so
 * after {@link #await} the count is exactly the set of sequence numbers in the topic.
 */
final class SequenceLoad implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Exception> error = new AtomicReference<>();
    private volatile boolean finishing;

    SequenceLoad(String bootstrap, String topic, int partitions, long ratePerSecond, long maxRecords, Duration maxTime,
                 int size) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 65536,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        this.thread = new Thread(() -> {
            long start = System.nanoTime();
            long deadline = start + maxTime.toNanos();
            long seq = 0;
            while (seq < maxRecords && !finishing && System.nanoTime() < deadline) {
                long due = Math.min(maxRecords, (System.nanoTime() - start) / 1_000 * ratePerSecond / 1_000_000);
                while (seq < due) {
                    long micros = System.currentTimeMillis() * 1000;
                    producer.send(new ProducerRecord<>(topic, (int) (seq % partitions), null,
                            new SequencedPayload(seq, micros).encode(size)), (m, e) -> {
                                if (e != null) {
                                    error.compareAndSet(null, e);
                                } else {
                                    acked.incrementAndGet();
                                }
                            });
                    seq++;
                    sent.set(seq);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
            producer.flush();
        }, "sequence-load");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether it still sends (false once finished or at a bound). */
    boolean running() {
        return thread.isAlive() && !finishing;
    }

    void finish() {
        finishing = true;
    }

    /** Waits for the last send to be acknowledged; fails if any send failed. Returns the records sent. */
    long await(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("producer still running after " + timeout);
        }
        if (error.get() != null) {
            throw new IllegalStateException("produce failed", error.get());
        }
        if (acked.get() != sent.get()) {
            throw new IllegalStateException("sent " + sent.get() + " but " + acked.get() + " acknowledged");
        }
        return sent.get();
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        finishing = true;
        thread.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
