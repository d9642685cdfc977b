package io.shadowscale.worker.model;

/**
 * The reaction of a worker in each mode to each command. Commands are repeated by the controller
 * until every worker answered, so a command for the mode a worker is already in is a
 * {@link Reaction.Stay}, never an error.
 *
 * <pre>
 *             WARM     ACTIVATE  FENCE     BARRIER   DRAIN    ABORT   HANDOFF_OUT  HANDOFF_IN
 *   IDLE      SHADOW   ACTIVE    refuse    refuse    stay     stay    refuse       refuse
 *   SHADOW    stay     refuse    refuse    ACTIVE    IDLE     IDLE    refuse       ACTIVE
 *   ACTIVE    refuse   stay      DRAINING  stay      refuse   stay    stay         stay
 *   DRAINING  refuse   ACTIVE    stay      ACTIVE    IDLE     IDLE    stay         refuse
 * </pre>
 *
 * <p>HANDOFF_OUT in ACTIVE stays ACTIVE: the worker goes on processing each partition up to its
 * planned offset and moves to DRAINING by itself once it released every partition
 * ({@link HandoffStep}).
 *
 * <p>ACTIVATE in DRAINING is a rollback after a fence: the worker starts again at its own stop
 * offsets (which it committed). A worker that released its partitions in a planned handoff refuses
 * it (the poll loop checks that: the new slot may own them already).
 */
public final class CommandTable {
    private CommandTable() {}

    public static Reaction react(WorkerMode mode, CommandKind command) {
        return switch (mode) {
            case IDLE ->
                switch (command) {
                    case WARM -> Reaction.move(WorkerMode.SHADOW);
                    case ACTIVATE -> Reaction.move(WorkerMode.ACTIVE);
                    case FENCE, BARRIER, HANDOFF_OUT, HANDOFF_IN -> refuse(mode, command, "warm or activate first");
                    case DRAIN, ABORT -> Reaction.stay();
                };
            case SHADOW ->
                switch (command) {
                    case WARM -> Reaction.stay();
                    case ACTIVATE, FENCE -> refuse(mode, command, "a shadow worker starts only at a barrier");
                    case BARRIER, HANDOFF_IN -> Reaction.move(WorkerMode.ACTIVE);
                    case DRAIN, ABORT -> Reaction.move(WorkerMode.IDLE);
                    case HANDOFF_OUT -> refuse(mode, command, "a shadow worker has nothing to hand over");
                };
            case ACTIVE ->
                switch (command) {
                    case WARM -> refuse(mode, command, "the worker is already processing");
                    case ACTIVATE, BARRIER, ABORT, HANDOFF_OUT, HANDOFF_IN -> Reaction.stay();
                    case FENCE -> Reaction.move(WorkerMode.DRAINING);
                    case DRAIN -> refuse(mode, command, "fence first, an active worker leaves only at a barrier");
                };
            case DRAINING ->
                switch (command) {
                    case WARM -> refuse(mode, command, "drain first");
                    case ACTIVATE -> Reaction.move(WorkerMode.ACTIVE);
                    case FENCE, HANDOFF_OUT -> Reaction.stay();
                    case HANDOFF_IN -> refuse(mode, command, "a fenced worker takes over only at a barrier");
                    case BARRIER -> Reaction.move(WorkerMode.ACTIVE);
                    case DRAIN, ABORT -> Reaction.move(WorkerMode.IDLE);
                };
        };
    }

    private static Reaction refuse(WorkerMode mode, CommandKind command, String why) {
        return Reaction.refuse(command + " refused in " + mode + ": " + why);
    }
}
