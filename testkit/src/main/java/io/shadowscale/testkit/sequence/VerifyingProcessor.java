package io.shadowscale.testkit.sequence;

import io.shadowscale.control.SlotName;
import io.shadowscale.worker.example.SequencedPayload;
import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * For tests and the bench: reads {@link SequencedPayload} records and records an
 * {@link Observation} of each (partition, offset, sequence number, slot, worker, time), so that
 * duplicates, gaps and handoff pauses can be counted with {@link SequenceAudit}. In process the
 * observations go to a shared {@link ObservationLog}; out of process (loaded by class name) they
 * are written to {@code SHADOWSCALE_OUTPUT_TOPIC}, keyed by the input partition, through the
 * worker's sink, so with exactly-once they commit with the input offsets.
 */
public final class VerifyingProcessor implements RecordProcessor {
    private final ObservationLog log;
    private final Clock clock;
    private SlotName slot;
    private String workerId;
    private Optional<String> outputTopic = Optional.empty();

    /** Out of process: observations go to the output topic only. */
    public VerifyingProcessor() {
        this(null, Clock.systemUTC());
    }

    /** In process: observations go to {@code log} (and to the output topic if one is configured). */
    public VerifyingProcessor(ObservationLog log, Clock clock) {
        this.log = log;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void open(ProcessorContext context) {
        this.slot = context.slot();
        this.workerId = context.workerId();
        this.outputTopic = context.outputTopic();
        if (log == null && outputTopic.isEmpty()) {
            throw new IllegalStateException("VerifyingProcessor loaded by class name needs SHADOWSCALE_OUTPUT_TOPIC");
        }
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) {
        SequencedPayload payload = SequencedPayload.decode(record.value())
                .orElseThrow(() -> new IllegalArgumentException("record " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + " is not a sequenced payload"));
        Instant now = clock.instant();
        Observation observation = new Observation(
                record.partition(),
                record.offset(),
                payload.sequence(),
                slot,
                workerId,
                System.nanoTime(),
                now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
        if (log != null) {
            log.append(observation);
        }
        outputTopic.ifPresent(topic -> sink.send(new ProducerRecord<>(
                topic,
                null,
                Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8),
                observation.encode())));
    }
}
