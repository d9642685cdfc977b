package io.shadowscale.worker.example;

import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The shipped example of a real processor: parses each record as a {@link SequencedPayload},
 * checksums the whole value (CRC32C, standing in for the user's transformation) and produces a
 * 32-byte result to {@code SHADOWSCALE_OUTPUT_TOPIC} under the input key:
 * sequence, send time (epoch us), processing time (epoch us), checksum. A record that does not
 * parse is forwarded with sequence -1, so bad input is visible downstream instead of stopping the
 * partition.
 */
public final class ExampleProcessor implements RecordProcessor {
    private final Clock clock;
    private String outputTopic;

    public ExampleProcessor() {
        this(Clock.systemUTC());
    }

    public ExampleProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void open(ProcessorContext context) {
        this.outputTopic = context.outputTopic()
                .orElseThrow(() -> new IllegalStateException("ExampleProcessor needs SHADOWSCALE_OUTPUT_TOPIC"));
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) {
        sink.send(new ProducerRecord<>(outputTopic, null, record.key(), transform(record.value(), clock.instant())));
    }

    /** The transformation: 32 bytes of sequence, send time, processing time and CRC32C of the value. */
    static byte[] transform(byte[] value, Instant now) {
        SequencedPayload payload = SequencedPayload.decode(value).orElse(new SequencedPayload(-1, -1));
        CRC32C crc = new CRC32C();
        if (value != null) {
            crc.update(value);
        }
        long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return ByteBuffer.allocate(32)
                .putLong(payload.sequence())
                .putLong(payload.sentAtMicros())
                .putLong(nowMicros)
                .putLong(crc.getValue())
                .array();
    }
}
