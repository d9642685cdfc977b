package io.shadowscale.worker.model;

import io.shadowscale.common.Partition;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a worker reports about itself at one moment: the content of its status message, its
 * readiness and its metrics.
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
 * @param lastHandoff time from the barrier command to the partitions started
 * @param fences fences carried out
 * @param handoffs barriers carried out (partitions started)
 * @param leaving shutting down, leaving the group
 * @param failure why the poll loop stopped, empty while it runs
 * @param errors what the error policy did (failed attempts, retries, dead letters)
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
        ErrorCounts errors) {
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
    }

    /** A snapshot of the poll loop, before the error policy's counts are added ({@link #withErrors}). */
    public WorkerSnapshot(
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
            String failure) {
        this(
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
                ErrorCounts.NONE);
    }

    /** The same snapshot with these error counts. */
    public WorkerSnapshot withErrors(ErrorCounts counts) {
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
                counts);
    }

    /** A worker that has done nothing yet. */
    public static WorkerSnapshot idle() {
        return new WorkerSnapshot(
                WorkerMode.IDLE,
                0,
                false,
                new TreeSet<>(),
                new TreeSet<>(),
                new TreeMap<>(),
                new TreeMap<>(),
                new TreeSet<>(),
                0,
                0,
                Duration.ZERO,
                Duration.ZERO,
                0,
                0,
                false,
                "");
    }

    /** This snapshot, not ready (the processor cannot take records). */
    public WorkerSnapshot notReady() {
        return ready
                ? new WorkerSnapshot(
                        mode,
                        epoch,
                        false,
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
                        failure)
                : this;
    }

    private static SortedSet<Partition> sortedCopy(Set<Partition> set) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }

    private static SortedMap<Partition, Long> sortedCopy(Map<Partition, Long> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
