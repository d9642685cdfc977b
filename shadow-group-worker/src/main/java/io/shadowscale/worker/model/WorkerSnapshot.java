package io.shadowscale.worker.model;

import io.shadowscale.common.Partition;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a worker reports about itself at one moment: the content of its status message, its
 * readiness and its metrics. Built by name: {@link #builder()}.
 *
 * @param mode current mode
 * @param epoch newest pair epoch seen
 * @param ready SHADOW with a stable assignment, or ACTIVE
 * @param assigned partitions the group gave this member
 * @param active partitions being processed
 * @param positions next offset to process (ACTIVE) or to fetch (SHADOW), per positioned partition
 * @param stopOffsets after a fence: where each assigned partition stopped (committed)
 * @param fenced partitions stopped because a newer owner fenced this worker's transactional producer
 * @param recordsProcessed records handed to the processor since start
 * @param assignmentGeneration increases with every assignment change seen by this member
 * @param lastFence time from the fence command to the stop offsets committed
 * @param lastHandoff time from the barrier or handoff command to the partitions started
 * @param fences fences carried out
 * @param handoffs barriers carried out (partitions started)
 * @param leaving shutting down, leaving the group
 * @param failure why the poll loop stopped, empty while it runs
 * @param errors what the error policy did (failed attempts, retries, dead letters)
 * @param heldRecords records held in the read-ahead, waiting for a handoff or a barrier to start their partition
 * @param handoffGaps the gap of each partition started at the latest handoff, by partition
 */
public record WorkerSnapshot(
        WorkerMode mode,
        long epoch,
        boolean ready,
        Set<Partition> assigned,
        Set<Partition> active,
        Map<Partition, Long> positions,
        Map<Partition, Long> stopOffsets,
        Set<Partition> fenced,
        long recordsProcessed,
        int assignmentGeneration,
        Duration lastFence,
        Duration lastHandoff,
        long fences,
        long handoffs,
        boolean leaving,
        String failure,
        ErrorCounts errors,
        int heldRecords,
        List<HandoffGap> handoffGaps) {
    public WorkerSnapshot {
        Objects.requireNonNull(mode, "mode");
        assigned = sortedCopy(assigned);
        active = sortedCopy(active);
        positions = sortedCopy(positions);
        stopOffsets = sortedCopy(stopOffsets);
        fenced = sortedCopy(fenced);
        Objects.requireNonNull(lastFence, "lastFence");
        Objects.requireNonNull(lastHandoff, "lastHandoff");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(errors, "errors");
        handoffGaps = handoffGaps.stream()
                .sorted(Comparator.comparing(HandoffGap::partition))
                .toList();
    }

    /** A worker that has done nothing yet. */
    public static WorkerSnapshot idle() {
        return builder().build();
    }

    /** A builder holding the values of {@link #idle()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same snapshot with these error counts. */
    public WorkerSnapshot withErrors(ErrorCounts counts) {
        return toBuilder().errors(counts).build();
    }

    /** This snapshot, not ready (the processor cannot take records); the error counts stay. */
    public WorkerSnapshot notReady() {
        return ready ? toBuilder().ready(false).build() : this;
    }

    private Builder toBuilder() {
        return builder()
                .mode(mode)
                .epoch(epoch)
                .ready(ready)
                .assigned(assigned)
                .active(active)
                .positions(positions)
                .stopOffsets(stopOffsets)
                .fenced(fenced)
                .recordsProcessed(recordsProcessed)
                .assignmentGeneration(assignmentGeneration)
                .lastFence(lastFence)
                .lastHandoff(lastHandoff)
                .fences(fences)
                .handoffs(handoffs)
                .leaving(leaving)
                .failure(failure)
                .errors(errors)
                .heldRecords(heldRecords)
                .handoffGaps(handoffGaps);
    }

    private static SortedSet<Partition> sortedCopy(Set<Partition> set) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }

    private static SortedMap<Partition, Long> sortedCopy(Map<Partition, Long> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** Builds a {@link WorkerSnapshot} by name; what is not set keeps its {@link #idle()} value. */
    public static final class Builder {
        private WorkerMode mode = WorkerMode.IDLE;
        private long epoch;
        private boolean ready;
        private Set<Partition> assigned = Set.of();
        private Set<Partition> active = Set.of();
        private Map<Partition, Long> positions = Map.of();
        private Map<Partition, Long> stopOffsets = Map.of();
        private Set<Partition> fenced = Set.of();
        private long recordsProcessed;
        private int assignmentGeneration;
        private Duration lastFence = Duration.ZERO;
        private Duration lastHandoff = Duration.ZERO;
        private long fences;
        private long handoffs;
        private boolean leaving;
        private String failure = "";
        private ErrorCounts errors = ErrorCounts.NONE;
        private int heldRecords;
        private List<HandoffGap> handoffGaps = List.of();

        private Builder() {}

        public Builder mode(WorkerMode value) {
            mode = value;
            return this;
        }

        public Builder epoch(long value) {
            epoch = value;
            return this;
        }

        public Builder ready(boolean value) {
            ready = value;
            return this;
        }

        public Builder assigned(Set<Partition> value) {
            assigned = value;
            return this;
        }

        public Builder active(Set<Partition> value) {
            active = value;
            return this;
        }

        public Builder positions(Map<Partition, Long> value) {
            positions = value;
            return this;
        }

        public Builder stopOffsets(Map<Partition, Long> value) {
            stopOffsets = value;
            return this;
        }

        public Builder fenced(Set<Partition> value) {
            fenced = value;
            return this;
        }

        public Builder recordsProcessed(long value) {
            recordsProcessed = value;
            return this;
        }

        public Builder assignmentGeneration(int value) {
            assignmentGeneration = value;
            return this;
        }

        public Builder lastFence(Duration value) {
            lastFence = value;
            return this;
        }

        public Builder lastHandoff(Duration value) {
            lastHandoff = value;
            return this;
        }

        public Builder fences(long value) {
            fences = value;
            return this;
        }

        public Builder handoffs(long value) {
            handoffs = value;
            return this;
        }

        public Builder leaving(boolean value) {
            leaving = value;
            return this;
        }

        public Builder failure(String value) {
            failure = value;
            return this;
        }

        public Builder errors(ErrorCounts value) {
            errors = value;
            return this;
        }

        public Builder heldRecords(int value) {
            heldRecords = value;
            return this;
        }

        public Builder handoffGaps(List<HandoffGap> value) {
            handoffGaps = value;
            return this;
        }

        public WorkerSnapshot build() {
            return new WorkerSnapshot(
                    mode,
                    epoch,
                    ready,
                    assigned,
                    active,
                    positions,
                    stopOffsets,
                    fenced,
                    recordsProcessed,
                    assignmentGeneration,
                    lastFence,
                    lastHandoff,
                    fences,
                    handoffs,
                    leaving,
                    failure,
                    errors,
                    heldRecords,
                    handoffGaps);
        }
    }
}
