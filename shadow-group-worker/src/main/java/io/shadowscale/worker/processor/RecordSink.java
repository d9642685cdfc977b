package io.shadowscale.worker.processor;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where a processor writes its output records. Without exactly-once it is the worker's shared
 * idempotent producer (flushed before every offset commit); with exactly-once it is the
 * transactional producer of the input partition being processed.
 */
public interface RecordSink {
    void send(ProducerRecord<byte[], byte[]> record);
}
