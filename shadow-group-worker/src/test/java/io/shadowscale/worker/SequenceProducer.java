package io.shadowscale.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.shadowscale.worker.processor.SequencedPayload;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces sequence numbers 0..total-1 at a bounded rate into a topic, sequence {@code s} into
 * partition {@code s % partitions}, on a thread of its own.
 */
final class SequenceProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> error = new AtomicReference<>();

    SequenceProducer(String bootstrap, String topic, int partitions, long ratePerSecond, Duration duration, int size) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 65536,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        long total = ratePerSecond * duration.toSeconds();
        this.thread = new Thread(() -> {
            long start = System.nanoTime();
            for (long seq = 0; seq < total; seq++) {
                long due = start + seq * 1_000_000_000L / ratePerSecond;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                    if (due - System.nanoTime() > 1_000_000) {
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                long micros = System.currentTimeMillis() * 1000;
                producer.send(new ProducerRecord<>(topic, (int) (seq % partitions), null,
                        new SequencedPayload(seq, micros).encode(size)), (m, e) -> {
                            if (e != null) {
                                error.compareAndSet(null, e);
                            }
                        });
                sent.incrementAndGet();
            }
            producer.flush();
        }, "sequence-producer");
        this.thread.setDaemon(true);
    }

    static long total(long ratePerSecond, Duration duration) {
        return ratePerSecond * duration.toSeconds();
    }

    void start() {
        thread.start();
    }

    long sent() {
        return sent.get();
    }

    void await(Duration timeout) throws InterruptedException {
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
