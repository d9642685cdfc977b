package io.shadowscale.testkit.sequence;

import io.shadowscale.worker.example.SequencedPayload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
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

/**
 * Produces {@link SequencedPayload} records (sequence 0, 1, 2, ... and the send time in epoch
 * microseconds) on a thread of its own, record {@code n} to partition {@code n % partitions}, so
 * per partition the sequence numbers increase. The rate is steady or follows a curve over the
 * elapsed time; paced per millisecond, it sends what the rate owes so far (a thread that fell
 * behind catches up in a burst), then parks for a millisecond. It ends at {@code maxRecords}, after
 * {@code duration}, on {@link #finish()} or {@link #stop}, whichever comes first, and flushes.
 * Acknowledged sends are counted; with {@link Builder#trackAcks()} it also remembers which sequence
 * numbers were acknowledged (only those can be lost downstream).
 *
 * <pre>{@code
 * try (PacedProducer producer = PacedProducer.builder(bootstrap, "orders").partitions(12).recordSize(64)
 *         .rate(20_000).maxRecords(600_000).build().start()) {
 *     ...
 *     producer.finish();
 *     long total = producer.awaitDelivered(Duration.ofSeconds(60));
 * }
 * }</pre>
 */
public final class PacedProducer implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final int recordSize;
    private final LongToDoubleFunction rateAtMillis;
    private final long durationNanos;
    private final long maxRecords;
    private final Clock clock;
    private final BitSet ackedSequences;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean finishing;
    private boolean started;

    private PacedProducer(Builder b) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "paced-producer-" + b.topic);
        props.putAll(b.clientProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        if (b.acks != null) {
            props.put(ProducerConfig.ACKS_CONFIG, b.acks);
        }
        if (b.idempotent != null) {
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, b.idempotent.toString());
        }
        this.topic = b.topic;
        this.partitions = b.partitions;
        this.recordSize = Math.max(SequencedPayload.MIN_SIZE, b.recordSize);
        this.rateAtMillis = b.rateAtMillis;
        this.durationNanos = b.duration == null ? Long.MAX_VALUE : b.duration.toNanos();
        this.maxRecords = b.maxRecords;
        this.clock = b.clock;
        this.ackedSequences = b.trackAcks ? new BitSet() : null;
        this.producer = new KafkaProducer<>(props);
        this.thread = new Thread(this::run, "paced-producer-" + topic);
        this.thread.setDaemon(true);
    }

    /** A producer into {@code topic} with these client properties (bootstrap, security). */
    public static Builder builder(Map<String, Object> clientProperties, String topic) {
        return new Builder(clientProperties, topic);
    }

    /** A producer into {@code topic} of the cluster at {@code bootstrapServers}. */
    public static Builder builder(String bootstrapServers, String topic) {
        return new Builder(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        Objects.requireNonNull(bootstrapServers, "bootstrapServers")),
                topic);
    }

    /** Starts sending; once only. */
    public synchronized PacedProducer start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        thread.start();
        return this;
    }

    private void run() {
        long startNanos = System.nanoTime();
        long lastNanos = startNanos;
        double owed = 0;
        try {
            while (!finishing && sent.get() < maxRecords) {
                long now = System.nanoTime();
                long elapsed = now - startNanos;
                if (elapsed >= durationNanos) {
                    break;
                }
                owed += rateAtMillis.applyAsDouble(elapsed / 1_000_000) * (now - lastNanos) / 1e9;
                lastNanos = now;
                while (owed >= 1 && sent.get() < maxRecords && !finishing) {
                    send(sent.get());
                    sent.incrementAndGet();
                    owed -= 1;
                }
                LockSupport.parkNanos(1_000_000);
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            try {
                producer.flush();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private void send(long seq) {
        Instant t = clock.instant();
        byte[] value =
                new SequencedPayload(seq, t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000).encode(recordSize);
        producer.send(new ProducerRecord<>(topic, (int) (seq % partitions), null, value), (md, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                failure.compareAndSet(null, e);
                return;
            }
            acked.incrementAndGet();
            if (ackedSequences != null) {
                synchronized (ackedSequences) {
                    ackedSequences.set((int) seq);
                }
            }
        });
    }

    /** Records handed to the client so far (sequence numbers {@code 0 .. sent-1}). */
    public long sent() {
        return sent.get();
    }

    /** Sends the broker acknowledged so far. */
    public long acked() {
        return acked.get();
    }

    /** A copy of the acknowledged sequence numbers; needs {@link Builder#trackAcks()}. */
    public BitSet ackedSequences() {
        if (ackedSequences == null) {
            throw new IllegalStateException("acknowledged sequence numbers are not tracked: build with trackAcks()");
        }
        synchronized (ackedSequences) {
            return (BitSet) ackedSequences.clone();
        }
    }

    /** Sends that failed after the client's retries (those sequence numbers are missing at the source). */
    public long failed() {
        return failed.get();
    }

    /** The first send failure, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** Whether it still sends: started, not finished and no bound reached. */
    public boolean running() {
        return thread.isAlive() && !finishing;
    }

    /** Stops sending without waiting; the count so far is the total, {@link #await} waits for the flush. */
    public void finish() {
        finishing = true;
    }

    /** {@link #finish()}, then waits (at most {@code timeout}) until everything sent is answered. */
    public boolean stop(Duration timeout) throws InterruptedException {
        finish();
        return await(timeout);
    }

    /** Waits (at most {@code timeout}) until a bound or {@link #finish()} ended it and the flush is done. */
    public boolean await(Duration timeout) throws InterruptedException {
        if (!started) {
            throw new IllegalStateException("not started");
        }
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    /**
     * Like {@link #await}, but fails unless it ended within {@code timeout} with every send
     * acknowledged; returns the number of records sent (all in the topic).
     */
    public long awaitDelivered(Duration timeout) throws InterruptedException {
        if (!await(timeout)) {
            throw new IllegalStateException("producer still running after " + timeout);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("produce failed", failure.get());
        }
        if (acked.get() != sent.get()) {
            throw new IllegalStateException("sent " + sent.get() + " but " + acked.get() + " acknowledged");
        }
        return sent.get();
    }

    /** Finishes, waits a bounded time for the flush and closes the client. */
    @Override
    public void close() {
        finish();
        try {
            if (started) {
                thread.join(CLOSE_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_TIMEOUT);
    }

    /** Settings of a {@link PacedProducer}; a rate (steady or a curve) is required. */
    public static final class Builder {
        private final Map<String, Object> clientProperties;
        private final String topic;
        private int partitions = 1;
        private int recordSize = SequencedPayload.MIN_SIZE;
        private LongToDoubleFunction rateAtMillis;
        private Duration duration;
        private long maxRecords = Long.MAX_VALUE;
        private Clock clock = Clock.systemUTC();
        private String acks;
        private Boolean idempotent;
        private boolean trackAcks;

        private Builder(Map<String, Object> clientProperties, String topic) {
            this.clientProperties = Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
            this.topic = Objects.requireNonNull(topic, "topic");
        }

        /** Partitions of the topic; record {@code n} goes to {@code n % partitions} (default 1). */
        public Builder partitions(int partitions) {
            this.partitions = (int) atLeast("partitions", partitions, 1);
            return this;
        }

        /** Bytes per record value, at least {@link SequencedPayload#MIN_SIZE} (smaller is raised). */
        public Builder recordSize(int recordSize) {
            this.recordSize = recordSize;
            return this;
        }

        /** A steady rate in records per second. */
        public Builder rate(double perSecond) {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("rate must be positive, was " + perSecond);
            }
            return rateCurve(elapsedMillis -> perSecond);
        }

        /** Records per second wanted at each elapsed millisecond since {@link #start()}. */
        public Builder rateCurve(LongToDoubleFunction rateAtElapsedMillis) {
            this.rateAtMillis = Objects.requireNonNull(rateAtElapsedMillis, "rateAtElapsedMillis");
            return this;
        }

        /** Stops sending this long after the start (default: no time bound). */
        public Builder duration(Duration duration) {
            this.duration = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /** Stops after this many records (default: no count bound). */
        public Builder maxRecords(long maxRecords) {
            this.maxRecords = atLeast("maxRecords", maxRecords, 0);
            return this;
        }

        /** The clock of the send times in the payload (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The client's {@code acks} (default: the client's default or the client properties'). */
        public Builder acks(String acks) {
            this.acks = Objects.requireNonNull(acks, "acks");
            return this;
        }

        /** The client's {@code enable.idempotence} (default: the client's default or the client properties'). */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** Remembers each acknowledged sequence number ({@link PacedProducer#ackedSequences()}). */
        public Builder trackAcks() {
            this.trackAcks = true;
            return this;
        }

        private static long atLeast(String name, long value, long min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
            }
            return value;
        }

        public PacedProducer build() {
            if (rateAtMillis == null) {
                throw new IllegalStateException("no rate: call rate(perSecond) or rateCurve(function)");
            }
            return new PacedProducer(this);
        }
    }
}
