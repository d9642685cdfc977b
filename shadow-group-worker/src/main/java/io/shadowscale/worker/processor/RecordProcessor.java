package io.shadowscale.worker.processor;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The user's code. The worker calls it on its poll thread only, one partition's records in
 * offset order; it never calls it for records of a partition it is not processing (SHADOW and
 * DRAINING process nothing). Records sent through the {@link RecordSink} are flushed (or, with
 * exactly-once, committed in the same transaction) before the input offsets are committed.
 *
 * <p>An implementation loaded by class name ({@code SHADOWSCALE_PROCESSOR}) needs a public no-arg
 * constructor; it gets its settings in {@link #open(ProcessorContext)}.
 */
public interface RecordProcessor extends AutoCloseable {
    /** Called once, before anything else. */
    default void open(ProcessorContext context) {}

    /** The worker starts processing these partitions (at a barrier, activation or assignment). */
    default void partitionsStarted(Collection<TopicPartition> partitions) {}

    /**
     * The worker stopped processing these partitions (fence, revocation, shutdown); all their records were handed over.
     */
    default void partitionsStopped(Collection<TopicPartition> partitions) {}

    /**
     * Processes one record. An exception goes to the worker's error policy ({@code SHADOWSCALE_ERROR_POLICY}):
     * by default the record is retried with backoff and then written to the dead-letter topic; with {@code stop}
     * the exception stops the worker's poll loop (the offsets of the batch are not committed).
     */
    void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) throws Exception;

    /**
     * Processes the records of one poll for one partition, in offset order. Override to batch. When it throws under
     * the dead-letter policy, the worker calls it again with one record at a time.
     */
    default void processBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, RecordSink sink)
            throws Exception {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            process(record, sink);
        }
    }

    /**
     * Why the processor cannot take records now (e.g. its out-of-process application is not
     * connected), or empty. While not empty the worker reports not ready ({@code /readyz}, status).
     */
    default Optional<String> notReadyReason() {
        return Optional.empty();
    }

    /** Called once, last. */
    @Override
    default void close() {}
}
