package io.shadowscale.worker.kafka;

import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.model.CommitKind;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where processors write. Without exactly-once: one shared idempotent producer, created on first
 * use and flushed before every offset commit. With exactly-once: one transactional producer per
 * owned input partition, {@code transactional.id = <prefix>-<topic>-<partition>}, so whoever
 * starts a partition next fences the previous owner with its {@code initTransactions()}, even if
 * that owner never heard a fence command.
 */
final class OutputProducers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputProducers.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Thrown when a newer owner of the partition fenced its transactional producer. */
    static final class FencedException extends Exception {
        FencedException(TopicPartition partition, Throwable cause) {
            super("transactional producer of " + partition + " was fenced by a newer owner", cause);
        }
    }

    private final WorkerConfig config;
    private final CommitTimes commits;
    private final Map<TopicPartition, KafkaProducer<byte[], byte[]>> transactional = new HashMap<>();
    private KafkaProducer<byte[], byte[]> shared;

    OutputProducers(WorkerConfig config, CommitTimes commits) {
        this.config = config;
        this.commits = commits;
    }

    boolean exactlyOnce() {
        return config.exactlyOnce();
    }

    static String transactionalId(String prefix, TopicPartition partition) {
        return prefix + "-" + partition.topic() + "-" + partition.partition();
    }

    /** Exactly-once: opens the partition's producer and fences any previous owner of it. */
    void claim(TopicPartition partition) {
        if (!config.exactlyOnce() || transactional.containsKey(partition)) {
            return;
        }
        KafkaProducer<byte[], byte[]> producer =
                KafkaClients.transactionalProducer(config, transactionalId(config.transactionalIdPrefix(), partition));
        producer.initTransactions();
        transactional.put(partition, producer);
    }

    /** Exactly-once: closes the partition's producer (nothing is open between batches). */
    void release(TopicPartition partition) {
        KafkaProducer<byte[], byte[]> producer = transactional.remove(partition);
        if (producer != null) {
            producer.close(CLOSE_TIMEOUT);
        }
    }

    /** Without exactly-once: every sent record is acknowledged (call before committing offsets). */
    void flush() {
        if (shared != null) {
            shared.flush();
        }
    }

    /** Without exactly-once: processes a batch through the shared producer. */
    void process(RecordProcessor processor, TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records)
            throws Exception {
        processor.processBatch(partition, records, sharedSink());
    }

    /**
     * Exactly-once: processes a batch in one transaction that also commits the partition's next
     * offset to the worker's group. On failure the transaction is aborted (or, if fenced, the
     * producer dropped) and nothing of the batch is visible.
     */
    void processTransaction(
            RecordProcessor processor,
            TopicPartition partition,
            List<ConsumerRecord<byte[], byte[]>> records,
            ConsumerGroupMetadata group)
            throws Exception {
        KafkaProducer<byte[], byte[]> producer = transactional.get(partition);
        if (producer == null) {
            throw new IllegalStateException("no transactional producer for " + partition);
        }
        long next = records.get(records.size() - 1).offset() + 1;
        try {
            producer.beginTransaction();
            processor.processBatch(partition, records, producer::send);
            producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(next)), group);
            commits.timed(CommitKind.TRANSACTION, producer::commitTransaction);
        } catch (Exception e) {
            if (fenced(e) || !abort(producer)) {
                dropFenced(partition);
                throw new FencedException(partition, e);
            }
            throw e;
        }
    }

    /** Whether the producer lost its transactional id to a newer owner. */
    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Aborts the open transaction; false if the producer cannot go on: fenced, or in Kafka's fatal
     * error state (as after a fence the broker reported while the transaction was being prepared),
     * where no transactional call works any more and keeping the producer would retry forever.
     */
    private static boolean abort(KafkaProducer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
            return true;
        } catch (RuntimeException abort) {
            if (!fenced(abort)) {
                LOG.warn("could not abort a transaction, the producer is unusable: {}", abort.toString());
            }
            return false;
        }
    }

    private void dropFenced(TopicPartition partition) {
        KafkaProducer<byte[], byte[]> producer = transactional.remove(partition);
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
    }

    private RecordSink sharedSink() {
        if (shared == null) {
            shared = KafkaClients.producer(config);
        }
        return shared::send;
    }

    @Override
    public void close() {
        List.copyOf(transactional.keySet()).forEach(this::release);
        if (shared != null) {
            shared.close(CLOSE_TIMEOUT);
            shared = null;
        }
    }
}
