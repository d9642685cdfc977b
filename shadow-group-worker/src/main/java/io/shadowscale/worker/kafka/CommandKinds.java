package io.shadowscale.worker.kafka;

import io.shadowscale.control.proto.Command;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.model.CommandKind;

/** Which {@link CommandKind} a control command is for one worker. */
final class CommandKinds {
    private CommandKinds() {}

    /** The command's kind for this worker; null for one it does not take (a version-1 worker takes no Handoff). */
    static CommandKind of(Command command, WorkerConfig config) {
        if (command.hasHandoff()) {
            if (config.protocolVersion() < 2) {
                return null;
            }
            int slot = config.slot().toProto().getNumber();
            return command.getHandoff().getFromSlotValue() == slot
                    ? CommandKind.HANDOFF_OUT
                    : command.getHandoff().getToSlotValue() == slot ? CommandKind.HANDOFF_IN : null;
        }
        return switch (command.getKindCase()) {
            case WARM -> CommandKind.WARM;
            case FENCE -> CommandKind.FENCE;
            case BARRIER -> CommandKind.BARRIER;
            case DRAIN -> CommandKind.DRAIN;
            case ABORT -> CommandKind.ABORT;
            case ACTIVATE -> CommandKind.ACTIVATE;
            case HANDOFF -> null; // taken above
            case KIND_NOT_SET -> null;
        };
    }
}
