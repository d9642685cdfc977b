package io.shadowscale.worker.kafka;

import io.shadowscale.common.Partition;
import io.shadowscale.control.Secrets;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.model.HandoffGap;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.processor.RecordProcessor;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the poll loop and its parts ({@link ShadowWarmup}, {@link Rebalance}, {@link HandoffActions})
 * share: the consumer, the partition book, the read-ahead, the record pump, the output producers
 * and the mode. Poll thread only; the consumer is null while the worker is IDLE.
 */
final class LoopState {
    private static final Logger LOG = LoggerFactory.getLogger(LoopState.class);

    final WorkerConfig config;
    final Secrets secrets;
    final RecordProcessor processor;
    final Clock clock;
    final CommitTimes commits;
    final OutputProducers outputs;
    final PartitionBook parts = new PartitionBook();
    final Prefetch prefetch;
    final RecordPump pump;
    KafkaConsumer<byte[], byte[]> consumer;
    WorkerMode mode = WorkerMode.IDLE;
    /** The gap of each partition started at the latest handoff (kept when the worker goes IDLE). */
    final Map<TopicPartition, HandoffGap> gaps = new HashMap<>();
    /** Something a status reports changed: the loop sends a status at its next refresh. */
    boolean changed;

    LoopState(WorkerConfig config, RecordProcessor processor, Clock clock, BooleanSupplier commandWaiting) {
        this.config = config;
        this.secrets = config.secrets();
        this.processor = processor;
        this.clock = clock;
        this.commits = new CommitTimes(clock);
        this.outputs = new OutputProducers(config, commits);
        // exactly-once reads committed transactions at the barrier itself: no SHADOW read-ahead (a
        // planned handoff still holds from its offsets, which are fixed before anything stops)
        this.prefetch = new Prefetch(config.prefetchRecords(), !config.exactlyOnce());
        this.pump = new RecordPump(
                config.workerId(),
                processor,
                outputs,
                parts,
                clock,
                config.maxPollRecords(),
                commandWaiting,
                () -> changed = true);
    }

    String id() {
        return config.workerId();
    }

    /**
     * Starts processing each partition at its offset: exactly-once claims its producer first
     * (fencing a previous owner), the held records from the offset on come first, otherwise the
     * consumer seeks there.
     */
    void startAt(Map<TopicPartition, Long> starting) {
        if (starting.isEmpty()) {
            return;
        }
        int fromMemory = 0;
        int held = 0;
        for (Map.Entry<TopicPartition, Long> e : starting.entrySet()) {
            TopicPartition tp = e.getKey();
            long offset = e.getValue();
            outputs.claim(tp);
            Prefetch.Start start = prefetch.takeFrom(tp, offset);
            pump.started(tp, start.held(), start.seek() ? "seek" : start.held().size() + " held");
            if (start.seek()) {
                consumer.seek(tp, offset);
            } else {
                // the consumer goes on from where the read-ahead got to
                fromMemory++;
                held += start.held().size();
            }
            parts.started.put(tp, offset);
            parts.fenced.remove(tp);
        }
        if (fromMemory > 0) {
            LOG.info(
                    "{}: {} of {} partitions start from held records ({} records from their start offsets on)",
                    id(),
                    fromMemory,
                    starting.size(),
                    held);
        }
        consumer.resume(starting.keySet());
        processor.partitionsStarted(List.copyOf(starting.keySet()));
        changed = true;
    }

    /** Records the handoff gap of a partition just started; a gap of a newer handoff replaces the older ones. */
    void gap(HandoffGap gap) {
        if (gaps.values().stream().anyMatch(g -> g.epoch() != gap.epoch())) {
            gaps.clear();
        }
        gaps.put(tp(gap.partition()), gap);
    }

    /** Keeps partitions paused with a placeholder position (never fetched): slot groups never guess offsets. */
    void park(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return; // seekToEnd of no partitions means every assigned partition
        }
        consumer.pause(partitions);
        consumer.seekToEnd(partitions);
    }

    /** This group's committed offsets of {@code partitions} (those with one). */
    Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> result = new HashMap<>();
        if (!partitions.isEmpty()) {
            consumer.committed(partitions).forEach((tp, om) -> {
                if (om != null) {
                    result.put(tp, om.offset());
                }
            });
        }
        return result;
    }

    static Map<TopicPartition, OffsetAndMetadata> offsets(Map<TopicPartition, Long> positions) {
        return positions.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
    }

    static Partition id(TopicPartition tp) {
        return new Partition(tp.topic(), tp.partition());
    }

    static TopicPartition tp(Partition id) {
        return new TopicPartition(id.topic(), id.partition());
    }

    static Map<Partition, Long> ids(Map<TopicPartition, Long> offsets) {
        Map<Partition, Long> result = new HashMap<>();
        offsets.forEach((tp, offset) -> result.put(id(tp), offset));
        return result;
    }

    static Map<TopicPartition, Long> tps(Map<Partition, Long> offsets) {
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((p, offset) -> result.put(tp(p), offset));
        return result;
    }
}
