package io.shadowscale.scaler.model;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The seam between the KEDA-facing gRPC service and the pair controller. The gRPC layer parses
 * and checks ScaledObject metadata, {@link #register registers} each pair it sees, and answers
 * KEDA from {@link #target}; the controller decides the targets and pushes changes to watchers
 * (which feed {@code StreamIsActive}).
 */
public interface SlotTargets {
    /** Makes the pair known to the controller (idempotent; a changed spec replaces the old one). */
    void register(PairSpec spec);

    /** The slot's current target, or empty if the pair is unknown. */
    Optional<SlotTarget> target(PairKey pair, SlotName slot);

    /**
     * Calls {@code listener} with every change of the slot's target (not with the current value).
     * Closing the returned handle stops the calls.
     */
    AutoCloseable watch(PairKey pair, SlotName slot, Consumer<SlotTarget> listener);
}
