package io.shadowscale.worker.errors;

import io.shadowscale.worker.model.ErrorCounts;
import io.shadowscale.worker.processor.BatchProcessor;
import io.shadowscale.worker.processor.ForwardingProcessor;
import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's error policy around the user's processor, so that one record it cannot handle
 * does not stop its partition for good.
 *
 * <p>{@link ErrorPolicy.Action#STOP}: the processor is called as it is, its exception stops the
 * poll loop (only counted here). {@link ErrorPolicy.Action#DEAD_LETTER}: the processor writes into
 * a buffer that reaches the worker's sink only when the call returned, so a failed attempt leaves
 * no output behind. A batch that fails is taken again record by record (each record alone through
 * {@code processBatch}); a record that fails is retried after a backoff ({@link ErrorPolicy#backoff}),
 * and after its last retry its {@link DeadLetters dead-letter record} goes to the same sink as the
 * output: the shared producer (acknowledged before the offsets are committed) or, with exactly-once,
 * the partition's transaction, which commits it with the input offset. The backoff waits on the
 * poll thread: a command (a fence) waits for it, at most {@link ErrorPolicy#worstCaseWait()} per
 * record. Side effects the processor has outside the sink are repeated by a retry.
 *
 * <p>When the dead-letter topic does not exist, a record that would go there stops the poll loop
 * instead (nothing is skipped without a trace); the start-up check only warns. Readiness (a
 * sidecar without its application is not ready) and the lifecycle calls are the wrapped processor's.
 */
public final class ErrorHandlingProcessor extends ForwardingProcessor implements BatchProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlingProcessor.class);

    private final ErrorPolicy policy;
    private final TopicCheck topicCheck;
    private final Sleeper sleeper;
    private final UnaryOperator<String> redact;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private DeadLetters deadLetters;
    private String workerId = "";
    private volatile boolean topicSeen;

    /**
     * @param topicCheck asked whether the dead-letter topic exists (at open, and before a dead letter until it does)
     * @param redact takes secrets out of exception text
     */
    public ErrorHandlingProcessor(
            RecordProcessor delegate,
            ErrorPolicy policy,
            TopicCheck topicCheck,
            Sleeper sleeper,
            UnaryOperator<String> redact) {
        super(delegate);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.topicCheck = Objects.requireNonNull(topicCheck, "topicCheck");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.redact = Objects.requireNonNull(redact, "redact");
    }

    public ErrorCounts counts() {
        return new ErrorCounts(failed.get(), retried.get(), deadLettered.get());
    }

    @Override
    public void open(ProcessorContext context) {
        workerId = context.workerId();
        deadLetters = new DeadLetters(
                policy.deadLetterTopic(),
                context.pair().toString(),
                context.slot().label(),
                context.workerId(),
                redact);
        super.open(context);
        if (policy.action() == ErrorPolicy.Action.DEAD_LETTER) {
            try {
                topicSeen = topicCheck.exists(policy.deadLetterTopic());
                if (!topicSeen) {
                    LOG.warn(
                            "{}: dead-letter topic {} does not exist: a record that fails {} times will stop the "
                                    + "worker until it is created",
                            workerId,
                            policy.deadLetterTopic(),
                            policy.retries() + 1);
                }
            } catch (Exception e) {
                LOG.warn(
                        "{}: could not check dead-letter topic {}: {}",
                        workerId,
                        policy.deadLetterTopic(),
                        redact.apply(e.toString()));
            }
        }
    }

    @Override
    public void processBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, RecordSink sink)
            throws Exception {
        if (policy.action() == ErrorPolicy.Action.STOP) {
            try {
                delegate().processBatch(partition, records, sink);
            } catch (Exception e) {
                failed.incrementAndGet();
                throw e;
            }
            return;
        }
        Exception error = attempt(partition, records, sink);
        if (error == null) {
            return;
        }
        if (records.size() == 1) {
            retryOrDeadLetter(partition, records.get(0), sink, error);
            return;
        }
        LOG.debug(
                "{}: a batch of {} records of {} failed ({}); taking it record by record",
                workerId,
                records.size(),
                partition,
                error.toString());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Exception recordError = attempt(partition, List.of(record), sink);
            if (recordError != null) {
                retryOrDeadLetter(partition, record, sink, recordError);
            }
        }
    }

    /** One call of the processor; its output reaches {@code sink} only if it returned. Null on success. */
    private Exception attempt(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, RecordSink sink)
            throws InterruptedException {
        Buffer buffer = new Buffer();
        try {
            delegate().processBatch(partition, records, buffer);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failed.incrementAndGet();
            return e;
        }
        buffer.forwardTo(sink);
        return null;
    }

    /** After the first failed attempt: the retries, each after its backoff, then the dead-letter record. */
    private void retryOrDeadLetter(
            TopicPartition partition, ConsumerRecord<byte[], byte[]> record, RecordSink sink, Exception first)
            throws Exception {
        Exception error = first;
        int attempts = 1;
        while (attempts <= policy.retries()) {
            sleeper.sleep(policy.backoff(attempts));
            retried.incrementAndGet();
            attempts++;
            Exception again = attempt(partition, List.of(record), sink);
            if (again == null) {
                LOG.info(
                        "{}: {}-{}@{} processed at attempt {}",
                        workerId,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        attempts);
                return;
            }
            error = again;
        }
        ensureTopic(record, error);
        sink.send(deadLetters.of(record, attempts, error));
        deadLettered.incrementAndGet();
        LOG.warn(
                "{}: {}-{}@{} dead-lettered to {} after {} attempts: {}",
                workerId,
                record.topic(),
                record.partition(),
                record.offset(),
                deadLetters.topic(),
                attempts,
                redact.apply(error.toString()));
    }

    private void ensureTopic(ConsumerRecord<byte[], byte[]> record, Exception error) throws Exception {
        if (topicSeen) {
            return;
        }
        boolean exists;
        try {
            exists = topicCheck.exists(deadLetters.topic());
        } catch (Exception e) {
            error.addSuppressed(e);
            exists = false;
        }
        if (!exists) {
            throw new IllegalStateException(
                    "cannot dead-letter " + record.topic() + "-" + record.partition() + "@"
                            + record.offset() + ": dead-letter topic " + deadLetters.topic()
                            + " not found; the record failed "
                            + "with " + redact.apply(error.toString()),
                    error);
        }
        topicSeen = true;
    }

    /** Holds one attempt's output until the attempt returned. */
    private static final class Buffer implements RecordSink {
        private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();

        @Override
        public void send(ProducerRecord<byte[], byte[]> record) {
            records.add(record);
        }

        void forwardTo(RecordSink sink) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                sink.send(record);
            }
        }
    }
}
