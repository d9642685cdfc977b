package io.shadowscale.testkit.fleet;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A processor around another: every call goes to the wrapped processor, and a subclass overrides
 * the ones it adds to. One record goes the batch way ({@link #processBatch} with a batch of one),
 * so a subclass that adds to the processing overrides {@link #processBatch} only.
 */
public abstract class ForwardingProcessor implements RecordProcessor {
    private final RecordProcessor delegate;

    protected ForwardingProcessor(RecordProcessor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The wrapped processor. */
    protected final RecordProcessor delegate() {
        return delegate;
    }

    @Override
    public void open(ProcessorContext context) {
        delegate.open(context);
    }

    @Override
    public void partitionsStarted(Collection<TopicPartition> partitions) {
        delegate.partitionsStarted(partitions);
    }

    @Override
    public void partitionsStopped(Collection<TopicPartition> partitions) {
        delegate.partitionsStopped(partitions);
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) throws Exception {
        processBatch(new TopicPartition(record.topic(), record.partition()), List.of(record), sink);
    }

    @Override
    public void processBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, RecordSink sink)
            throws Exception {
        delegate.processBatch(partition, records, sink);
    }

    @Override
    public Optional<String> notReadyReason() {
        return delegate.notReadyReason();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
