package io.shadowscale.worker.processor;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * A processor around another one, to add to what it does (measure it, look at its output, handle
 * its errors). Everything but the records goes to the wrapped processor: {@code open},
 * {@code partitionsStarted}, {@code partitionsStopped}, {@code notReadyReason} and {@code close}.
 * The records are the subclass's: it implements {@link #process} (and {@link #processBatch}, or
 * {@link BatchProcessor}) and calls {@link #delegate()} where it wants the wrapped processor.
 * Override a forwarded method to add to it, and call {@code super} in it.
 */
public abstract class ForwardingProcessor implements RecordProcessor {
    private final RecordProcessor delegate;

    protected ForwardingProcessor(RecordProcessor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The processor it wraps. */
    public RecordProcessor delegate() {
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

    /** The wrapped processor's readiness. */
    @Override
    public Optional<String> notReadyReason() {
        return delegate.notReadyReason();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
