package io.shadowscale.worker.model;

import io.shadowscale.common.Partition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long one partition processed nothing across a handoff, as its new owner saw it: from the old
 * owner's stop (a release's stop time, or the fence command's send time in a fence/barrier walk) to
 * the moment this worker started the partition. The two ends are two processes' wall clocks.
 *
 * @param partition the partition started
 * @param epoch the epoch of the handoff (the plan's or the barrier's)
 * @param gap stop to start, never negative
 */
public record HandoffGap(Partition partition, long epoch, Duration gap) {
    public HandoffGap {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(gap, "gap");
        if (gap.isNegative()) {
            throw new IllegalArgumentException("gap of " + partition + " is negative: " + gap);
        }
    }

    /**
     * The gap from {@code stoppedAtMillis} (the old owner's wall clock, Unix milliseconds) to
     * {@code startedAt}; 0 when the clocks' skew makes the start look earlier than the stop.
     */
    public static HandoffGap between(Partition partition, long epoch, long stoppedAtMillis, Instant startedAt) {
        Duration gap = Duration.between(Instant.ofEpochMilli(stoppedAtMillis), startedAt);
        return new HandoffGap(partition, epoch, gap.isNegative() ? Duration.ZERO : gap);
    }
}
