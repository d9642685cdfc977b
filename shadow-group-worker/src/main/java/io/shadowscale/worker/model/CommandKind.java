package io.shadowscale.worker.model;

/** The commands a worker carries out (the {@code Command.kind} cases of the control protocol). */
public enum CommandKind {
    /** Join the slot group in SHADOW, positioned at the active group's offsets. */
    WARM,
    /** First start of a pair: ACTIVE at the group's committed offsets. */
    ACTIVATE,
    /** Stop every partition, commit, report stop offsets: DRAINING. */
    FENCE,
    /** Start partitions exactly at the given offsets: ACTIVE. */
    BARRIER,
    /** Leave the group: IDLE. */
    DRAIN,
    /** Give up the walk: a SHADOW or DRAINING worker goes IDLE. */
    ABORT,
    /** Planned handoff, read by a worker of the slot handing over: process up to the plan, release each partition. */
    HANDOFF_OUT,
    /** Planned handoff, read by a worker of the slot taking over: hold from the plan, start at each release: ACTIVE. */
    HANDOFF_IN
}
