package io.shadowscale.testkit.worker;

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
 * Produces sequence numbers 0, 1, 2, ... at a bounded rate into a topic, sequence {@code s} into
 * partition {@code s % partitions}, on a thread of its own, up to a maximum count or until told to finish.
 */
public final class SequenceProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> error = new AtomicReference<>();
    private volatile boolean finishing;

    /**
     * @param max the most records it sends ({@code ratePerSecond * duration}); {@link #finish()} stops it earlier
     */
    public SequenceProducer(String bootstrap, String topic, int partitions, long ratePerSecond, Duration duration, int size) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 65536,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        long max = total(ratePerSecond, duration);
        this.thread = new Thread(() -> {
            long start = System.nanoTime();
            long seq = 0;
            while (seq < max && !finishing) {
                long due = Math.min(max, (System.nanoTime() - start) / 1_000 * ratePerSecond / 1_000_000);
                while (seq < due) {
                    long micros = System.currentTimeMillis() * 1000;
                    producer.send(new ProducerRecord<>(topic, (int) (seq % partitions), null,
                            new SequencedPayload(seq, micros).encode(size)), (m, e) -> {
                                if (e != null) {
                                    error.compareAndSet(null, e);
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
        }, "sequence-producer");
        this.thread.setDaemon(true);
    }

    /** Stops sending (the count so far is the total); {@link #await} waits for the flush. */
    public void finish() {
        finishing = true;
    }

    public static long total(long ratePerSecond, Duration duration) {
        return ratePerSecond * duration.toSeconds();
    }

    public void start() {
        thread.start();
    }

    public boolean running() {
        return thread.isAlive() && !finishing;
    }

    public long sent() {
        return sent.get();
    }

    public void await(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("producer still running after " + timeout);
        }
        if (error.get() != null) {
            throw new IllegalStateException("produce failed", error.get());
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
