package io.shadowscale.scaler.model;

/**
 * The named sub-steps of {@link PairPhase#CUTTING_OVER}, each with its own command. Outside
 * CUTTING_OVER the step is {@link #NONE}. Persisted by name; a name this version does not know reads
 * as {@link #UNKNOWN}, which a controller treats as {@link #FENCING} (it fences again: workers
 * answer a repeated fence with the same stop offsets), so an older controller survives a newer record.
 */
public enum CutoverStep {
    /** Not cutting over. */
    NONE,
    /** Fence/barrier walk, first step: the old slot is sent Fence; stop offsets are collected. Next: BARRIER. */
    FENCING,
    /** Fence/barrier walk, second step (also the planned handoff's fallback): the new slot is sent Barrier. */
    BARRIER,
    /**
     * Planned handoff: the plan is published; both slots are sent one Handoff. Old workers release
     * each partition at its planned offset, new workers start it at once. Next: BARRIER (fallback,
     * for partitions whose owner left without releasing them), or DRAINING.
     */
    HANDOFF,
    /** A step written by a newer controller; handled as FENCING. */
    UNKNOWN;

    /** The step of {@code name}; {@link #UNKNOWN} for a name this version does not know. */
    public static CutoverStep fromName(String name) {
        for (CutoverStep s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** Whether the new slot has been told where to start (no rollback from here on). */
    public boolean published() {
        return this == BARRIER || this == HANDOFF;
    }
}
