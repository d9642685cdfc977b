package io.shadowscale.bench.load;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A rate-limited producer: {@code threads} sender threads share one idempotent
 * {@link KafkaProducer} ({@code acks} as configured, {@code linger.ms=5}, 128 KiB batches, no
 * compression). Each thread paces itself to its share of the rate against the run clock, so a
 * thread that falls behind catches up in a burst; it stops after {@code rate x duration} records
 * in total or after the duration plus 10 s, whichever comes first. Keys are one of 4,096 entity
 * ids (8 bytes), so records spread over partitions by the default partitioner. Every
 * acknowledged record is reported to the {@link Recorder}.
 * Not the testkit's {@code PacedProducer}: that one sends ordered sequence numbers to chosen partitions
 * from one thread for audits; this one measures keyed, multi-threaded send latency per acknowledgement.
 */
public final class LoadProducer implements AutoCloseable {
    static final int KEYS = 4096;
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Recorder recorder;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopped;

    private LoadProducer(String bootstrap, String acks, Recorder recorder) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.ACKS_CONFIG, acks);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(c);
        this.recorder = recorder;
    }

    /** Starts sending {@code rate} records/s of {@code recordSize} bytes for {@code duration}. */
    public static LoadProducer start(
            String bootstrap,
            String topic,
            String acks,
            int threadCount,
            int rate,
            Duration duration,
            int recordSize,
            Recorder recorder) {
        LoadProducer p = new LoadProducer(bootstrap, acks, recorder);
        long total = (long) rate * duration.toSeconds();
        for (int t = 0; t < threadCount; t++) {
            long share = total / threadCount + (t < total % threadCount ? 1 : 0);
            double perThreadRate = (double) rate / threadCount;
            Thread thread =
                    new Thread(() -> p.send(topic, share, perThreadRate, recordSize, duration), "load-producer-" + t);
            thread.setDaemon(true);
            p.threads.add(thread);
        }
        p.threads.forEach(Thread::start);
        return p;
    }

    private void send(String topic, long count, double ratePerSecond, int recordSize, Duration duration) {
        RunClock clock = recorder.clock();
        long start = clock.nanos();
        long deadline = start + duration.toNanos() + GRACE_NANOS;
        long sent = 0;
        while (sent < count && !stopped) {
            long now = clock.nanos();
            if (now > deadline) {
                break;
            }
            long due = Math.min(count, (long) ((now - start) / 1e9 * ratePerSecond) + 1);
            if (sent >= due) {
                LockSupport.parkNanos(200_000);
                continue;
            }
            while (sent < due && !stopped) {
                long seq = sequence.getAndIncrement();
                long sendMicros = clock.nowEpochMicros();
                byte[] key = ByteBuffer.allocate(8).putLong(seq % KEYS).array();
                producer.send(
                        new ProducerRecord<>(topic, key, Payload.encode(seq, sendMicros, recordSize)),
                        (meta, error) -> {
                            if (error == null) {
                                recorder.acked(seq, sendMicros);
                            } else {
                                failures.incrementAndGet();
                            }
                        });
                sent++;
            }
        }
    }

    /** Waits for the sender threads to finish, then flushes; false if they did not finish in time. */
    public boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        boolean done = threads.stream().noneMatch(Thread::isAlive);
        producer.flush();
        return done;
    }

    public boolean finished() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    public long sent() {
        return sequence.get();
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join(5_000);
        }
        producer.close(Duration.ofSeconds(10));
    }
}
