package io.shadowscale.worker.kafka;

import io.shadowscale.common.Partition;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** The poll loop's partition bookkeeping (poll thread only). */
final class PartitionBook {
    /** What the slot group gave this member. */
    final Set<TopicPartition> assigned = new HashSet<>();
    /** Partitions being processed: next offset to process. */
    final Map<TopicPartition, Long> started = new HashMap<>();
    /** SHADOW: where each paused partition is positioned (the active group's committed offset). */
    final Map<TopicPartition, Long> shadowPositions = new HashMap<>();
    /** The newest barrier offset known per partition (this activation). */
    final Map<TopicPartition, Long> barrierKnown = new HashMap<>();
    /** After a fence: where each partition stopped. */
    final Map<TopicPartition, Long> stopOffsets = new HashMap<>();
    /** Partitions lost to a newer owner's transactional fence. */
    final Set<TopicPartition> fenced = new HashSet<>();
    /** Planned handoff, slot handing over: process each of these partitions only below its offset. */
    final Map<TopicPartition, Long> limits = new HashMap<>();
    /** Limited partitions for which the consumer already returned a record at or past the limit. */
    final Set<TopicPartition> limitSeen = new HashSet<>();

    void clear() {
        limits.clear();
        limitSeen.clear();
        assigned.clear();
        started.clear();
        shadowPositions.clear();
        barrierKnown.clear();
        stopOffsets.clear();
        fenced.clear();
    }

    /**
     * A snapshot builder holding {@code mode} and this book's partitions; positions are the
     * processing ones (ACTIVE), the shadow ones or the stop offsets.
     */
    WorkerSnapshot.Builder snapshot(WorkerMode mode) {
        Map<TopicPartition, Long> positions = switch (mode) {
            case ACTIVE -> started;
            case SHADOW -> shadowPositions;
            case DRAINING -> stopOffsets;
            case IDLE -> Map.of();
        };
        return WorkerSnapshot.builder()
                .mode(mode)
                .assigned(GroupProbe.ids(assigned))
                .active(GroupProbe.ids(started.keySet()))
                .positions(ids(positions))
                .stopOffsets(ids(stopOffsets))
                .fenced(GroupProbe.ids(fenced));
    }

    private static Map<Partition, Long> ids(Map<TopicPartition, Long> offsets) {
        Map<Partition, Long> result = new HashMap<>();
        offsets.forEach((tp, offset) -> result.put(new Partition(tp.topic(), tp.partition()), offset));
        return result;
    }
}
