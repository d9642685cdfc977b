package io.shadowscale.scaler.controller;

import io.shadowscale.control.ControlCodec;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.proto.Abort;
import io.shadowscale.control.proto.Activate;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.Drain;
import io.shadowscale.control.proto.Fence;
import io.shadowscale.control.proto.Handoff;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Warm;
import io.shadowscale.scaler.model.PhaseCommand;
import java.time.Instant;
import java.util.TreeMap;

/**
 * Maps a {@link PhaseCommand} to the control protocol: one {@code ControlEnvelope} with the pair,
 * the state's epoch, the controller id and a {@code Command} to every worker of the slot
 * (worker_id empty) carrying the state's command id.
 */
final class CommandEncoder {
    private CommandEncoder() {}

    static ControlEnvelope encode(PairKey pair, PhaseCommand c, String sender, Instant now) {
        Command.Builder cmd = Command.newBuilder().setSlot(c.slot().toProto()).setCommandId(c.commandId());
        switch (c.kind()) {
            case ACTIVATE -> cmd.setActivate(Activate.getDefaultInstance());
            case WARM ->
                cmd.setWarm(Warm.newBuilder()
                        .setExpectedWorkers(c.expectedWorkers())
                        .setActiveGroup(c.activeGroup())
                        .setPlanned(c.planned()));
            case FENCE -> cmd.setFence(Fence.getDefaultInstance());
            case BARRIER -> {
                Barrier.Builder b = Barrier.newBuilder();
                new TreeMap<>(c.offsets())
                        .forEach((p, o) -> b.addOffsets(PartitionOffset.newBuilder()
                                .setTopic(p.topic())
                                .setPartition(p.partition())
                                .setOffset(o)));
                cmd.setBarrier(b);
            }
            case HANDOFF -> {
                // one command both slots read: no slot on the command, the two slots in the body
                cmd.clearSlot();
                Handoff.Builder h = Handoff.newBuilder()
                        .setFromSlot(c.slot().toProto())
                        .setToSlot(c.slot().other().toProto());
                new TreeMap<>(c.offsets())
                        .forEach((p, o) -> h.addOffsets(PartitionOffset.newBuilder()
                                .setTopic(p.topic())
                                .setPartition(p.partition())
                                .setOffset(o)));
                cmd.setHandoff(h);
            }
            case DRAIN -> cmd.setDrain(Drain.getDefaultInstance());
            case ABORT -> cmd.setAbort(Abort.getDefaultInstance());
        }
        ControlEnvelope envelope = ControlEnvelope.newBuilder()
                .setPair(pair.toProto())
                .setEpoch(c.epoch())
                .setSentAtMs(now.toEpochMilli())
                .setSender(sender)
                .setCommand(cmd)
                .build();
        // version 1 for what a version-1 worker must read; 2 for the Handoff, which it drops
        return envelope.toBuilder()
                .setVersion(ControlCodec.versionFor(envelope))
                .build();
    }
}
