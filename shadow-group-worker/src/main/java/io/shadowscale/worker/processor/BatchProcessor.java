package io.shadowscale.worker.processor;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A processor that takes a poll's records of one partition together: it implements
 * {@link #processBatch} only, and a single record given to {@link #process} is a batch of one.
 */
public interface BatchProcessor extends RecordProcessor {
    /** Processes {@code record} as a batch of one. */
    @Override
    default void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) throws Exception {
        processBatch(new TopicPartition(record.topic(), record.partition()), List.of(record), sink);
    }

    @Override
    void processBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, RecordSink sink)
            throws Exception;
}
