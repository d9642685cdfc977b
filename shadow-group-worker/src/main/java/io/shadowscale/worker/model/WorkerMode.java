package io.shadowscale.worker.model;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mode of one worker. The allowed moves form one table ({@link #allowedTargets()}); every
 * change goes through {@link #transitionTo(WorkerMode)}, which refuses anything else.
 *
 * <pre>
 *            warm              barrier               fence
 *   IDLE ───────────> SHADOW ─────────> ACTIVE ─────────────> DRAINING
 *    │  <─────────────  │                 ^  <────────────────  │  │
 *    │   drain / abort                    │   barrier (rollback)  │  │
 *    └────────────── activate ────────────┘                       │  │
 *    ^                                                            │  │
 *    └──────────────────────── drain / abort ─────────────────────┘  │
 * </pre>
 */
public enum WorkerMode {
    /** Not in any consumer group, no consumer open; waits for warm or activate. Next: SHADOW, ACTIVE. */
    IDLE,
    /**
     * Member of its slot's group, partitions assigned and paused at the active group's committed
     * offsets, nothing processed; ready once the group is stable. Next: ACTIVE (barrier), IDLE
     * (drain, abort).
     */
    SHADOW,
    /** Processing and committing its partitions. Next: DRAINING (fence, shutdown). */
    ACTIVE,
    /**
     * Fenced: every partition stopped at a reported, committed offset; still a group member so the
     * offsets stay put. Next: IDLE (drain, abort), ACTIVE (barrier: rollback of the walk).
     */
    DRAINING;

    /** The modes this one may move to. */
    public Set<WorkerMode> allowedTargets() {
        return switch (this) {
            case IDLE -> EnumSet.of(SHADOW, ACTIVE);
            case SHADOW -> EnumSet.of(ACTIVE, IDLE);
            case ACTIVE -> EnumSet.of(DRAINING);
            case DRAINING -> EnumSet.of(ACTIVE, IDLE);
        };
    }

    public boolean canTransitionTo(WorkerMode target) {
        return allowedTargets().contains(target);
    }

    /**
     * Returns {@code target} if the move is allowed.
     *
     * @throws IllegalStateException naming this mode, the target and the allowed targets
     */
    public WorkerMode transitionTo(WorkerMode target) {
        if (!canTransitionTo(target)) {
            throw new IllegalStateException("worker cannot move from " + this + " to " + target
                    + "; allowed from " + this + ": "
                    + allowedTargets().stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        return target;
    }
}
