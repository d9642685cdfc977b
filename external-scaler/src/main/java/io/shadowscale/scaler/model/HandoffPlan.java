package io.shadowscale.scaler.model;

import io.shadowscale.common.Partition;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The planned handoff's offsets, fixed before anything stops: for each partition
 * {@code H = min(log end, expected position + lead)}, where the expected position is the last
 * reported one moved on at its measured speed for the report's age, and the lead is what the old
 * owner processes in {@link #LEAD} (the time the Handoff needs to reach both slots). A caught-up
 * old slot gets the log end: its workers are past it when the Handoff arrives and stop at once. A
 * lagging one gets a point just ahead of where it is, so a walk that grows a pair for a backlog
 * never waits for the old slot to drain it. A partition with no reported position gets the log end.
 */
public final class HandoffPlan {
    /** Time the Handoff command needs to reach the workers and be taken, with a margin. */
    public static final Duration LEAD = Duration.ofMillis(100);

    private HandoffPlan() {}

    /** The plan for {@code partitions}; empty if a log end is missing (then the walk fences instead). */
    public static Map<Partition, Long> of(
            Set<Partition> partitions, Map<Partition, Long> logEnds, Map<Partition, PairInputs.Progress> progress) {
        Map<Partition, Long> plan = new TreeMap<>();
        for (Partition p : partitions) {
            Long end = logEnds.get(p);
            if (end == null) {
                return Map.of();
            }
            PairInputs.Progress at = progress.get(p);
            if (at == null) {
                plan.put(p, end);
                continue;
            }
            double moved = at.perSecond() * (at.ageMillis() + LEAD.toMillis()) / 1000.0;
            long ahead = at.position() + (long) Math.ceil(Math.max(0, moved));
            plan.put(p, Math.max(0, Math.min(end, ahead)));
        }
        return plan;
    }
}
