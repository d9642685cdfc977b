package io.shadowscale.scaler.model.policy;

/**
 * How much of its workers a consumer group can really use. Partitions are the unit of work: with
 * {@code p} partitions of even traffic shared by {@code n} workers, the busiest worker holds
 * {@code ceil(p / n)} of them and is the first to saturate, so the group sustains
 * {@code p / ceil(p / n)} workers' worth of capacity (12 partitions on 5 workers: 3 on the busiest,
 * 4 workers' worth). Workers beyond {@code p} sit idle.
 */
public final class PartitionBalance {
    private PartitionBalance() {}

    /** The worker-equivalents {@code workers} provide on {@code partitions} evenly loaded partitions. */
    public static double effectiveWorkers(int workers, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (workers <= 0) {
            return 0;
        }
        if (workers >= partitions) {
            return partitions;
        }
        int busiest = (partitions + workers - 1) / workers;
        return (double) partitions / busiest;
    }

    /**
     * The fewest workers, at least {@code minimum} and at most {@code partitions}, whose effective
     * capacity reaches {@code workerEquivalents}; {@code partitions} when even that is not enough.
     */
    public static int fewestWorkersFor(double workerEquivalents, int minimum, int partitions) {
        int n = Math.max(1, minimum);
        while (n < partitions && effectiveWorkers(n, partitions) < workerEquivalents - 1e-9) {
            n++;
        }
        return Math.min(n, Math.max(partitions, 1));
    }
}
