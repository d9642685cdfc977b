package io.shadowscale.bench.load.cutover;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where each partition's last handoff spent its time, seen from the processors (all times
 * {@link System#nanoTime()}): the last record the old owner processed, when the old owner stopped
 * the partition (fence), when the new owner started it (barrier), and the first record the new
 * owner processed. Written by the workers' poll threads, read after a walk.
 */
final class HandoffProbe {
    static final long NONE = Long.MIN_VALUE;

    /** One partition's latest stop and start; {@link #NONE} where it did not happen. */
    record PartitionHandoff(int partition, long lastBeforeStop, long stoppedAt, long startedAt, long firstAfterStart) {
        boolean complete() {
            return lastBeforeStop != NONE && stoppedAt != NONE && startedAt != NONE && firstAfterStart != NONE
                    && startedAt >= stoppedAt;
        }
    }

    private final AtomicLongArray lastProcessed;
    private final AtomicLongArray lastBeforeStop;
    private final AtomicLongArray stoppedAt;
    private final AtomicLongArray startedAt;
    private final AtomicLongArray firstAfterStart;

    HandoffProbe(int partitions) {
        lastProcessed = filled(partitions);
        lastBeforeStop = filled(partitions);
        stoppedAt = filled(partitions);
        startedAt = filled(partitions);
        firstAfterStart = filled(partitions);
    }

    void processed(int partition, long nanos) {
        if (partition < 0 || partition >= lastProcessed.length()) {
            return;
        }
        lastProcessed.set(partition, nanos);
        if (firstAfterStart.get(partition) == NONE && startedAt.get(partition) != NONE) {
            firstAfterStart.set(partition, nanos);
        }
    }

    void stopped(int partition, long nanos) {
        if (partition >= 0 && partition < stoppedAt.length()) {
            lastBeforeStop.set(partition, lastProcessed.get(partition));
            stoppedAt.set(partition, nanos);
        }
    }

    void started(int partition, long nanos) {
        if (partition >= 0 && partition < startedAt.length()) {
            firstAfterStart.set(partition, NONE);
            startedAt.set(partition, nanos);
        }
    }

    /** Every partition's latest handoff. */
    List<PartitionHandoff> snapshot() {
        List<PartitionHandoff> all = new ArrayList<>();
        for (int p = 0; p < startedAt.length(); p++) {
            all.add(new PartitionHandoff(p, lastBeforeStop.get(p), stoppedAt.get(p), startedAt.get(p),
                    firstAfterStart.get(p)));
        }
        return all;
    }

    private static AtomicLongArray filled(int n) {
        AtomicLongArray a = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            a.set(i, NONE);
        }
        return a;
    }
}
