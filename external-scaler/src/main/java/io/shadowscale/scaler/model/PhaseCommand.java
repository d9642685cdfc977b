package io.shadowscale.scaler.model;

import io.shadowscale.common.Partition;
import io.shadowscale.control.SlotName;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command the controller repeats in a state, to every worker of one slot, until the phase moves
 * on. Derived from the state alone ({@link #of}), so a restarted controller sends the same thing.
 * A {@link Kind#HANDOFF} is one command read by both slots: {@code slot} is the slot handing over.
 *
 * @param planned WARM: the walk will hand over with a planned handoff (the new slot does not read ahead)
 */
public record PhaseCommand(
        SlotName slot,
        Kind kind,
        long epoch,
        long commandId,
        int expectedWorkers,
        String activeGroup,
        Map<Partition, Long> offsets,
        boolean planned) {
    /** The command kinds of the control protocol. */
    public enum Kind {
        ACTIVATE,
        WARM,
        FENCE,
        BARRIER,
        DRAIN,
        ABORT,
        HANDOFF
    }

    public PhaseCommand {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(kind, "kind");
        offsets = Map.copyOf(offsets);
    }

    /** A command that is not a planned WARM. */
    public PhaseCommand(
            SlotName slot,
            Kind kind,
            long epoch,
            long commandId,
            int expectedWorkers,
            String activeGroup,
            Map<Partition, Long> offsets) {
        this(slot, kind, epoch, commandId, expectedWorkers, activeGroup, offsets, false);
    }

    /** The slots that read it: the addressed one, and for a HANDOFF the one taking over too. */
    public List<SlotName> readers() {
        return kind == Kind.HANDOFF ? List.of(slot, slot.other()) : List.of(slot);
    }

    /** The commands of the state's current step (none while STEADY). */
    public static List<PhaseCommand> of(PairState s) {
        return switch (s.phase()) {
            case STARTING -> List.of(simple(s, s.active(), Kind.ACTIVATE));
            case STEADY -> List.of();
            case WARMING ->
                List.of(new PhaseCommand(
                        s.other(),
                        Kind.WARM,
                        s.epoch(),
                        s.commandId(),
                        s.targetReplicas(),
                        s.pair().groupId(s.active()),
                        Map.of(),
                        s.planned()));
            case CUTTING_OVER ->
                switch (s.step()) {
                    case HANDOFF ->
                        List.of(new PhaseCommand(
                                s.active(),
                                Kind.HANDOFF,
                                s.epoch(),
                                s.commandId(),
                                s.activeReplicas() + s.targetReplicas(),
                                "",
                                s.plan()));
                    case BARRIER ->
                        List.of(new PhaseCommand(
                                s.other(),
                                Kind.BARRIER,
                                s.epoch(),
                                s.commandId(),
                                s.targetReplicas(),
                                "",
                                s.barrier()));
                    case NONE, FENCING, UNKNOWN -> List.of(simple(s, s.active(), Kind.FENCE));
                };
            case DRAINING -> List.of(simple(s, s.other(), Kind.DRAIN));
            case ROLLING_BACK ->
                s.reactivateOld()
                        ? List.of(simple(s, s.other(), Kind.ABORT), simple(s, s.active(), Kind.ACTIVATE))
                        : List.of(simple(s, s.other(), Kind.ABORT));
        };
    }

    private static PhaseCommand simple(PairState s, SlotName slot, Kind kind) {
        return new PhaseCommand(slot, kind, s.epoch(), s.commandId(), 0, "", Map.of());
    }
}
