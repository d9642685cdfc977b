package io.shadowscale.demo;

import io.shadowscale.worker.example.ExampleProcessor;
import io.shadowscale.worker.example.SequencedPayload;
import io.shadowscale.worker.processor.ForwardingProcessor;
import io.shadowscale.worker.processor.RecordSink;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The demo's worker code: the shipped {@link ExampleProcessor} (parse, checksum, produce a result to
 * the output topic) plus measurement: end-to-end latency from the payload's send time to the end
 * of processing, into a shared HdrHistogram {@link Recorder} (read once a second), and each
 * sequence number into the shared {@link SequenceTally} (duplicates, missing).
 */
public final class DemoProcessor extends ForwardingProcessor {
    /** Shared by every worker of the demo. */
    public record Meters(Recorder latencyMicros, SequenceTally tally, AtomicLong processed) {
        public Meters {
            Objects.requireNonNull(latencyMicros, "latencyMicros");
            Objects.requireNonNull(tally, "tally");
            Objects.requireNonNull(processed, "processed");
        }

        public static Meters create(long capacity) {
            return new Meters(new Recorder(3), new SequenceTally(capacity), new AtomicLong());
        }
    }

    private final Meters meters;
    private final Clock clock;

    public DemoProcessor(Meters meters, Clock clock) {
        super(new ExampleProcessor(clock));
        this.meters = Objects.requireNonNull(meters, "meters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) throws Exception {
        delegate().process(record, sink);
        SequencedPayload payload = SequencedPayload.decode(record.value()).orElse(null);
        if (payload != null) {
            Instant now = clock.instant();
            long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
            meters.latencyMicros().recordValue(Math.max(0, nowMicros - payload.sentAtMicros()));
            meters.tally().mark(payload.sequence());
        }
        meters.processed().incrementAndGet();
    }

    /**
     * Counts one result of the example transformation (32 bytes: sequence, send time, processing
     * time, checksum), as the sidecar demo sees the Node.js processes' outputs: latency from the
     * send time to now, the sequence number into the tally.
     */
    static void measure(Meters meters, byte[] result, Clock clock) {
        ByteBuffer buffer = ByteBuffer.wrap(result);
        long sequence = buffer.getLong();
        long sentAtMicros = buffer.getLong();
        if (sequence >= 0) {
            Instant now = clock.instant();
            long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
            meters.latencyMicros().recordValue(Math.max(0, nowMicros - sentAtMicros));
            meters.tally().mark(sequence);
        }
        meters.processed().incrementAndGet();
    }
}
