package io.shadowscale.worker.kafka;

import io.shadowscale.worker.processor.RecordProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ACTIVE worker's record processing (poll thread only). At least once, what the consumer
 * returns for started partitions goes to the {@link Backlog}, which hands it out a slice of every
 * partition per round: the consumer returns one partition's records per poll while it has them
 * buffered, so processing polls as they came left each other partition waiting n - 1 polls in a
 * row. Records are processed in slices of {@link #SLICE} with a look at the command queue in
 * between, so a fence waits for one slice at most. Exactly-once processes each partition's records
 * of a poll as one transaction, as they come.
 */
final class RecordPump {
    private static final Logger LOG = LoggerFactory.getLogger(RecordPump.class);
    /** Records processed between two looks at the command queue. */
    static final int SLICE = 100;

    private final String workerId;
    private final RecordProcessor processor;
    private final OutputProducers outputs;
    private final PartitionBook parts;
    private final Clock clock;
    private final BooleanSupplier commandWaiting;
    private final Runnable partitionFenced;
    private final Backlog backlog;
    private final AtomicLong processed = new AtomicLong();
    /** Started partitions whose first record is still to come: when and how they started (DEBUG only). */
    private final Map<TopicPartition, PendingStart> firstRecordPending = new HashMap<>();

    private record PendingStart(Instant at, String how) {}

    /**
     * @param commandWaiting true when a command waits for the poll loop
     * @param partitionFenced called when an exactly-once partition was lost to a newer owner's fence
     */
    RecordPump(
            String workerId,
            RecordProcessor processor,
            OutputProducers outputs,
            PartitionBook parts,
            Clock clock,
            int recordsPerRound,
            BooleanSupplier commandWaiting,
            Runnable partitionFenced) {
        this.workerId = workerId;
        this.processor = processor;
        this.outputs = outputs;
        this.parts = parts;
        this.clock = clock;
        this.commandWaiting = commandWaiting;
        this.partitionFenced = partitionFenced;
        this.backlog = new Backlog(recordsPerRound);
    }

    /** Records processed since the worker started. */
    long processed() {
        return processed.get();
    }

    /** Records returned but not processed yet. */
    int waiting() {
        return backlog.size();
    }

    /** A partition started at its barrier: {@code held} (read ahead, from the barrier offset on) comes first. */
    void started(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> held, String how) {
        backlog.start(tp, held);
        if (LOG.isDebugEnabled()) {
            firstRecordPending.put(tp, new PendingStart(clock.instant(), how));
        }
    }

    /** Forgets what waits for {@code tp} (stopped or revoked: its position says where it got to). */
    void drop(TopicPartition tp) {
        backlog.remove(tp);
        firstRecordPending.remove(tp);
    }

    /** Forgets everything waiting (fenced or leaving: the stop offsets say where the next owner starts). */
    void dropAll() {
        backlog.clear();
        firstRecordPending.clear();
    }

    /** What the consumer returned: queued for started partitions, given back (paused) for any other. */
    void take(Consumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records) throws Exception {
        take(consumer, records, tp -> false);
    }

    /**
     * What the consumer returned: queued (or, exactly-once, processed) for started partitions; the
     * records of {@code held} partitions are left to the caller (a planned handoff holds them); any
     * other partition's are given back (paused).
     */
    void take(
            Consumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records, Predicate<TopicPartition> held)
            throws Exception {
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
            if (!parts.started.containsKey(tp)) {
                if (!held.test(tp)) {
                    consumer.seek(tp, batch.get(0).offset()); // not processing it: give the records back
                    consumer.pause(List.of(tp));
                }
                continue;
            }
            long position = parts.started.get(tp);
            Long limit = parts.limits.get(tp);
            if (limit != null && batch.get(batch.size() - 1).offset() >= limit) {
                // planned handoff: what lies at or past the limit is the next owner's
                parts.limitSeen.add(tp);
                batch = batch.stream().filter(r -> r.offset() < limit).toList();
                if (batch.isEmpty()) {
                    continue;
                }
            }
            if (batch.get(0).offset() < position) {
                // started ahead of the read-ahead (Prefetch.takeFrom): the records below the barrier are not ours
                batch = batch.stream().filter(r -> r.offset() >= position).toList();
                if (batch.isEmpty()) {
                    continue;
                }
            }
            if (outputs.exactlyOnce()) {
                processBatch(consumer, tp, batch);
            } else {
                backlog.defer(tp, batch);
            }
        }
    }

    /** Planned handoff: processes {@code tp} only below {@code offset} from now on (what waits past it is dropped). */
    void limit(TopicPartition tp, long offset) {
        parts.limits.put(tp, offset);
        if (backlog.trimFrom(tp, offset)) {
            parts.limitSeen.add(tp);
        }
    }

    /**
     * Planned handoff: the limited partitions with nothing left to process below their limit, and
     * the offset each stops at. One is done when its position reached the limit, or when the
     * consumer returned a record past the limit and nothing below it waits (the offsets between
     * hold no records, e.g. transaction markers): it stops at the later of position and limit.
     */
    Map<TopicPartition, Long> reached() {
        Map<TopicPartition, Long> done = new HashMap<>();
        parts.limits.forEach((tp, limit) -> {
            Long position = parts.started.get(tp);
            if (position != null && (position >= limit || (parts.limitSeen.contains(tp) && !backlog.has(tp)))) {
                done.put(tp, Math.max(position, limit));
            }
        });
        return done;
    }

    /**
     * One round of the backlog: a slice of every partition with records waiting.
     *
     * @return true when a command waits (the rest of the round went back to the backlog)
     */
    boolean workOffRound(Consumer<byte[], byte[]> consumer) throws Exception {
        boolean yielding = false;
        for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> e :
                backlog.nextRound().entrySet()) {
            if (yielding) {
                backlog.giveBack(e.getKey(), e.getValue());
            } else if (parts.started.containsKey(e.getKey())) {
                yielding = processYielding(consumer, e.getKey(), e.getValue());
            }
        }
        return yielding;
    }

    private boolean processYielding(
            Consumer<byte[], byte[]> consumer, TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> batch)
            throws Exception {
        for (int i = 0; i < batch.size(); i += SLICE) {
            if (i > 0 && commandWaiting.getAsBoolean()) {
                backlog.giveBack(tp, batch.subList(i, batch.size()));
                return true;
            }
            processBatch(consumer, tp, batch.subList(i, Math.min(batch.size(), i + SLICE)));
        }
        return false;
    }

    /** Processes one started partition's records in order and moves its position past them. */
    private void processBatch(
            Consumer<byte[], byte[]> consumer, TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> batch)
            throws Exception {
        if (outputs.exactlyOnce()) {
            try {
                outputs.processTransaction(processor, tp, batch, consumer.groupMetadata());
            } catch (OutputProducers.FencedException e) {
                LOG.warn("{}: {}; stopped processing it", workerId, e.getMessage());
                parts.started.remove(tp);
                drop(tp);
                parts.fenced.add(tp);
                consumer.pause(List.of(tp));
                processor.partitionsStopped(List.of(tp));
                partitionFenced.run();
                return;
            }
        } else {
            outputs.process(processor, tp, batch);
        }
        parts.started.put(tp, batch.get(batch.size() - 1).offset() + 1);
        processed.addAndGet(batch.size());
        if (!firstRecordPending.isEmpty()) {
            PendingStart pending = firstRecordPending.remove(tp);
            if (pending != null) {
                LOG.debug(
                        "{}: first record of {} at offset {}, {} ms after its start ({})",
                        workerId,
                        tp,
                        batch.get(0).offset(),
                        Duration.between(pending.at(), clock.instant()).toMillis(),
                        pending.how());
            }
        }
    }
}
