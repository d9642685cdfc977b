package io.shadowscale.scaler.kafka;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.CutoverStep;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicyMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Pair states with many fields off their defaults, for the state codec's tests. */
final class StateFixtures {
    private StateFixtures() {}

    /**
     * A planned handoff: green active with 3, walking to 5 since 4 s before {@code t}, epoch 7,
     * command 9. The collections and the memory are left to the caller.
     */
    static PairState.Builder plannedHandoff(PairKey pair, Instant t) {
        return PairState.builder(pair, t)
                .phase(PairPhase.CUTTING_OVER)
                .epoch(7)
                .commandId(9)
                .active(SlotName.GREEN)
                .activeReplicas(3)
                .targetReplicas(5)
                .walkStartedAt(t.minusSeconds(4))
                .step(CutoverStep.HANDOFF)
                .planned(true);
    }

    /**
     * {@link #plannedHandoff} with every collection filled (partitions {@code a-0} and {@code b-2}),
     * the old slot to be reactivated, paused, and a memory waiting on a resize.
     */
    static PairState.Builder handoffWithEveryCollection(PairKey pair, Instant t) {
        return plannedHandoff(pair, t)
                .plan(Map.of(new Partition("a", 0), 12L, new Partition("b", 2), 3L))
                .barrier(Map.of(new Partition("a", 0), 10L, new Partition("b", 2), 0L))
                .fallbackPartitions(Set.of(new Partition("b", 2)))
                .fallbackRecords(17)
                .reactivateOld(true)
                .paused(true)
                .memory(new PolicyMemory(1234.5, 4, t.minus(Duration.ofMinutes(1)), null));
    }
}
