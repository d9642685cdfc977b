package io.shadowscale.scaler.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.shadowscale.control.SlotName;

/**
 * The command the controller repeats in a state, to every worker of one slot, until the phase moves
 * on. Derived from the state alone ({@link #of}), so a restarted controller sends the same thing.
 */
public record PhaseCommand(SlotName slot, Kind kind, long epoch, long commandId, int expectedWorkers,
                           String activeGroup, Map<Partition, Long> offsets) {
    /** The command kinds of the control protocol. */
    public enum Kind { ACTIVATE, WARM, FENCE, BARRIER, DRAIN, ABORT }

    public PhaseCommand {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(kind, "kind");
        offsets = Map.copyOf(offsets);
    }

    /** The commands of the state's current step (none while STEADY). */
    public static List<PhaseCommand> of(PairState s) {
        return switch (s.phase()) {
            case STARTING -> List.of(simple(s, s.active(), Kind.ACTIVATE));
            case STEADY -> List.of();
            case WARMING -> List.of(new PhaseCommand(s.other(), Kind.WARM, s.epoch(), s.commandId(),
                    s.targetReplicas(), s.pair().groupId(s.active()), Map.of()));
            case CUTTING_OVER -> s.barrier().isEmpty()
                    ? List.of(simple(s, s.active(), Kind.FENCE))
                    : List.of(new PhaseCommand(s.other(), Kind.BARRIER, s.epoch(), s.commandId(), s.targetReplicas(),
                            "", s.barrier()));
            case DRAINING -> List.of(simple(s, s.other(), Kind.DRAIN));
            case ROLLING_BACK -> s.reactivateOld()
                    ? List.of(simple(s, s.other(), Kind.ABORT), simple(s, s.active(), Kind.ACTIVATE))
                    : List.of(simple(s, s.other(), Kind.ABORT));
        };
    }

    private static PhaseCommand simple(PairState s, SlotName slot, Kind kind) {
        return new PhaseCommand(slot, kind, s.epoch(), s.commandId(), 0, "", Map.of());
    }
}
