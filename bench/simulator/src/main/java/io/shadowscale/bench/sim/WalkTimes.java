package io.shadowscale.bench.sim;

/**
 * How long the simulated workers take to answer each command of a walk, in milliseconds of virtual
 * time. Defaults come from HandoffIT's measured figures (docs/benchmarks/results/2026-11-25-e2e-handoff-it).
 *
 * @param warmupMillis from WARMING until the new slot's workers report SHADOW, ready, with an
 *     assignment covering every partition (measured 10.3-10.6 s with the broker's default 5 s
 *     consumer heartbeat, 1.7-2.2 s with 500 ms heartbeats; pod start-up is not included)
 * @param fenceMillis from the Fence until the active slot's workers answer with their stop offsets
 *     (measured 20-30 ms)
 * @param barrierMillis from the barrier's publication until the new slot reports every partition
 *     active
 * @param drainMillis from the Drain until the old slot's workers answered (or the Abort, in a rollback)
 */
public record WalkTimes(long warmupMillis, long fenceMillis, long barrierMillis, long drainMillis) {
    /**
     * 10.5 s warm-up: the broker-default heartbeat (5 s) is what a cluster has unless its operator
     * lowers {@code group.consumer.heartbeat.interval.ms} for every group, and the longer figure is
     * the conservative one (a slower walk costs more replica-seconds and risks more lag).
     * 30 ms fence, the measured worst. 100 ms barrier: fence + barrier = 130 ms of stall per
     * cutover, near the top of the measured longest per-partition gaps (67-146 ms at 20k msg/s,
     * which include the fence). 1 s drain: not measured on its own (a leaving consumer closes and
     * answers); a guess that bills the old slot for about a second more per walk.
     */
    public static final WalkTimes MEASURED = new WalkTimes(10_500, 30, 100, 1_000);

    public WalkTimes {
        if (warmupMillis < 0 || fenceMillis < 0 || barrierMillis < 0 || drainMillis < 0) {
            throw new IllegalArgumentException("walk times must be >= 0 ms: warm-up " + warmupMillis + ", fence "
                    + fenceMillis + ", barrier " + barrierMillis + ", drain " + drainMillis);
        }
    }

    /** The processing gap of one cutover: from the Fence until the new slot is active, in seconds. */
    public double cutoverGapSeconds() {
        return (fenceMillis + barrierMillis) / 1000.0;
    }
}
