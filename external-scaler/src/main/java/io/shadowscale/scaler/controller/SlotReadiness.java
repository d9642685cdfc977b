package io.shadowscale.scaler.controller;

import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PairSpec;
import java.util.OptionalInt;

/**
 * Kubernetes' view of a waking slot, one input to "ready to cut over" next to the workers' own
 * reports: the ready, up-to-date pods of the slot's Deployment. Asked on the controller's tick
 * thread while a pair is WARMING, so an implementation must answer from memory and never block.
 */
@FunctionalInterface
public interface SlotReadiness {

    /** Ready pods of {@code slot}'s Deployment, or empty when not known (no Kubernetes, no Deployment named). */
    OptionalInt readyPods(PairSpec spec, SlotName slot);

    /** Without Kubernetes: nothing is known, the workers' reports decide alone. */
    static SlotReadiness unknown() {
        return (spec, slot) -> OptionalInt.empty();
    }
}
