package io.shadowscale.worker;

import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A processor whose start fails with a message that quotes the worker's Kafka login, as careless code might. */
public final class LeakyProcessor implements RecordProcessor {
    @Override
    public void open(ProcessorContext context) {
        throw new IllegalStateException(
                "could not log in with " + context.settings().get("SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG"),
                new IllegalArgumentException(
                        "password " + context.settings().get("SHADOWSCALE_KAFKA_SSL_KEY_PASSWORD") + " refused"));
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) {}
}
