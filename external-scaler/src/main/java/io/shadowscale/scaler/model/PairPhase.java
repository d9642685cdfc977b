package io.shadowscale.scaler.model;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The phases of a pair. Each constant says what the controller does there (the command it repeats
 * every tick until answered, and the replica counts KEDA reads) and where the pair may go next.
 * {@link #canMoveTo} is the one table of allowed moves; {@link PairState#transitionTo} enforces it.
 */
public enum PairPhase {
    /**
     * First start of a pair, no slot active yet: the active slot (blue) wants the initial size and
     * is sent Activate. Goes to {@link #STEADY} once that many workers report ACTIVE.
     */
    STARTING,
    /**
     * One slot processes with N workers, the other is at 0. The scaling policy is asked here only.
     * A resize decision (policy or operator) goes to {@link #WARMING}.
     */
    STEADY,
    /**
     * The idle slot wants M workers and is sent Warm (with the active group's name). Goes to
     * {@link #CUTTING_OVER} when M workers report ready with a stable assignment covering every
     * partition; to {@link #ROLLING_BACK} on warmupTimeout or an operator's rollback.
     */
    WARMING,
    /**
     * The active slot is sent Fence; stop offsets are collected (after fenceTimeout, partitions
     * whose owner left the group fall back to the group's committed offsets); then the Barrier is
     * published to the new slot and repeated until it reports every partition active. Goes to
     * {@link #DRAINING}; to {@link #ROLLING_BACK} only before the barrier is published.
     */
    CUTTING_OVER,
    /**
     * The new slot is active with M workers; the old slot wants 0 and is sent Drain. Goes to
     * {@link #STEADY} when every old worker answered, left or went idle (or after fenceTimeout).
     */
    DRAINING,
    /**
     * The walk is given up: the new slot wants 0 and is sent Abort; if the old slot was already
     * fenced it is sent Activate again (it resumes at the offsets it committed). Goes to
     * {@link #STEADY} when both answered (or after warmupTimeout).
     */
    ROLLING_BACK;

    /**
     * The phase named {@code name} (persisted by name), or empty for a name this version does not
     * know: a newer controller's phase. The state topic's reader continues such a pair as
     * {@link #ROLLING_BACK} towards its active slot ({@code StateCodec} says why).
     */
    public static Optional<PairPhase> fromName(String name) {
        for (PairPhase p : values()) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Phases this one may move to. */
    public Set<PairPhase> allowedNext() {
        return switch (this) {
            case STARTING -> EnumSet.of(STEADY);
            case STEADY -> EnumSet.of(WARMING);
            case WARMING -> EnumSet.of(CUTTING_OVER, ROLLING_BACK);
            case CUTTING_OVER -> EnumSet.of(DRAINING, ROLLING_BACK);
            case DRAINING -> EnumSet.of(STEADY);
            case ROLLING_BACK -> EnumSet.of(STEADY);
        };
    }

    public boolean canMoveTo(PairPhase next) {
        return allowedNext().contains(next);
    }

    /** Whether a walk is in progress (the policy is not asked, a resize is refused). */
    public boolean walking() {
        return this == WARMING || this == CUTTING_OVER || this == DRAINING || this == ROLLING_BACK;
    }
}
