package io.shadowscale.testkit.fleet;

import io.shadowscale.worker.processor.BatchProcessor;
import io.shadowscale.worker.processor.ForwardingProcessor;
import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A processor with a look at its outputs: every record the wrapped processor sends to the sink is
 * also shown to the {@link Tap}, with the input record at the same position in the batch (the
 * example processors, in Java or behind the sidecar, produce one output per input, in order).
 * Everything else, readiness included, is the wrapped processor's.
 */
public final class OutputTap extends ForwardingProcessor implements BatchProcessor {
    /** Sees one output and the input record it answers. */
    @FunctionalInterface
    public interface Tap {
        void output(
                ProcessorContext context, ConsumerRecord<byte[], byte[]> input, ProducerRecord<byte[], byte[]> output);
    }

    private final Tap tap;
    private ProcessorContext context;

    public OutputTap(RecordProcessor processor, Tap tap) {
        super(Objects.requireNonNull(processor, "processor"));
        this.tap = Objects.requireNonNull(tap, "tap");
    }

    @Override
    public void open(ProcessorContext context) {
        this.context = context;
        super.open(context);
    }

    @Override
    public void processBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, RecordSink sink)
            throws Exception {
        int[] next = {0};
        delegate().processBatch(partition, records, output -> {
            sink.send(output);
            int i = next[0]++;
            if (i < records.size()) {
                tap.output(context, records.get(i), output);
            }
        });
    }
}
