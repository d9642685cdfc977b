package io.shadowscale.bench.load.cutover;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where each partition's last handoff spent its time, seen from the processors (all times
 * {@link System#nanoTime()}): the last record the old owner processed, when the old owner stopped
 * the partition (fence), when the new owner started it (barrier), and the first record the new
 * owner processed. Written by the workers' poll threads, read after a walk.
 *
 * <p>It also keeps every processing gap of at least {@link #GAP_THRESHOLD_NANOS} with the time it
 * ended (the harness's definition: processed at minus the later of the partition's previous
 * processed record and this record's send time), so a walk can say in which of its steps the
 * longest gap happened; the harness only keeps each partition's largest gap of the whole run.
 */
final class HandoffProbe {
    static final long NONE = Long.MIN_VALUE;
    static final long GAP_THRESHOLD_NANOS = 20_000_000L;
    static final int MAX_GAPS = 50_000;

    /** A processing gap of {@code nanos} on {@code partition} that ended at {@code endNanos}. */
    record Gap(int partition, long endNanos, long nanos) {}

    /** One partition's latest stop and start; {@link #NONE} where it did not happen. */
    record PartitionHandoff(int partition, long lastBeforeStop, long stoppedAt, long startedAt, long firstAfterStart) {
        boolean complete() {
            return lastBeforeStop != NONE
                    && stoppedAt != NONE
                    && startedAt != NONE
                    && firstAfterStart != NONE
                    && startedAt >= stoppedAt;
        }
    }

    private final AtomicLongArray lastProcessed;
    private final AtomicLongArray lastBeforeStop;
    private final AtomicLongArray stoppedAt;
    private final AtomicLongArray startedAt;
    private final AtomicLongArray firstAfterStart;
    private final ConcurrentLinkedQueue<Gap> gaps = new ConcurrentLinkedQueue<>();
    private final AtomicInteger gapCount = new AtomicInteger();

    HandoffProbe(int partitions) {
        lastProcessed = filled(partitions);
        lastBeforeStop = filled(partitions);
        stoppedAt = filled(partitions);
        startedAt = filled(partitions);
        firstAfterStart = filled(partitions);
    }

    /** A record of {@code partition} sent at {@code sentNanos} was processed at {@code nanos}. */
    void processed(int partition, long nanos, long sentNanos) {
        if (partition < 0 || partition >= lastProcessed.length()) {
            return;
        }
        long previous = lastProcessed.get(partition);
        if (previous != NONE) {
            long gap = nanos - Math.max(previous, sentNanos);
            if (gap >= GAP_THRESHOLD_NANOS && gapCount.incrementAndGet() <= MAX_GAPS) {
                gaps.add(new Gap(partition, nanos, gap));
            }
        }
        lastProcessed.set(partition, Math.max(previous, nanos));
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
            all.add(new PartitionHandoff(
                    p, lastBeforeStop.get(p), stoppedAt.get(p), startedAt.get(p), firstAfterStart.get(p)));
        }
        return all;
    }

    /** The kept gaps (at least the threshold) that ended within [{@code from}, {@code to}]. */
    List<Gap> gapsEndingBetween(long from, long to) {
        List<Gap> within = new ArrayList<>();
        for (Gap g : gaps) {
            if (g.endNanos() >= from && g.endNanos() <= to) {
                within.add(g);
            }
        }
        return within;
    }

    private static AtomicLongArray filled(int n) {
        AtomicLongArray a = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            a.set(i, NONE);
        }
        return a;
    }
}
