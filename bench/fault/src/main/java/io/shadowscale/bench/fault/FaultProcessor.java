package io.shadowscale.bench.fault;

import io.shadowscale.testkit.sequence.VerifyingProcessor;
import io.shadowscale.worker.processor.BatchProcessor;
import io.shadowscale.worker.processor.ForwardingProcessor;
import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordSink;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The fault bench's processor, loaded by class name in each worker process: the
 * {@link VerifyingProcessor} (one observation per record, written to {@code SHADOWSCALE_OUTPUT_TOPIC},
 * where the harness reads them back), after an optional delay of {@value #DELAY_VARIABLE}
 * microseconds per record (a slow processor: the worker falls behind, backpressure builds in Kafka).
 * The delay is slept per batch, so a slow worker costs little CPU on the shared machine.
 */
public final class FaultProcessor extends ForwardingProcessor implements BatchProcessor {
    /** Environment variable: processing delay per record, microseconds (default 0). */
    public static final String DELAY_VARIABLE = "FAULT_DELAY_US";

    private long delayMicros;

    public FaultProcessor() {
        super(new VerifyingProcessor());
    }

    @Override
    public void open(ProcessorContext context) {
        super.open(context);
        String delay = context.settings().getOrDefault(DELAY_VARIABLE, "0");
        try {
            delayMicros = Long.parseLong(delay.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    DELAY_VARIABLE + "='" + delay + "': must be an integer (microseconds)", e);
        }
        if (delayMicros < 0) {
            throw new IllegalArgumentException(DELAY_VARIABLE + "='" + delay + "': must be >= 0");
        }
    }

    @Override
    public void processBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, RecordSink sink)
            throws Exception {
        if (delayMicros > 0) {
            TimeUnit.MICROSECONDS.sleep(delayMicros * records.size());
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            delegate().process(record, sink);
        }
    }
}
