package io.shadowscale.bench.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The fault scenarios. Every one runs the same pipeline (a steady producer, a pair of worker
 * processes, the scaler process, the output read back) and, except the broker restart in steady
 * state, asks for one walk (blue 2 -> green 3) through the admin endpoint.
 */
public enum FaultScenario {
    /** The reference: one walk, no fault. Exactly once expected. */
    CLEAN("clean", true, true, "one walk --from -> --to, no fault"),
    /** An active worker is frozen while the new slot warms and SIGKILLed once the controller fences. */
    ACTIVE_KILL(
            "active-kill",
            true,
            false,
            "active worker frozen once the new slot's workers joined, SIGKILLed at the Fence (never answers it)"),
    /** A shadow (new slot) worker is SIGKILLed while warming; its Deployment replaces it. */
    SHADOW_KILL(
            "shadow-kill",
            true,
            true,
            "a warming shadow worker SIGKILLed once it joined its group; replaced like a pod"),
    /** The scaler is SIGKILLed the moment its first Fence is on the control topic, then started again. */
    CONTROLLER_KILL(
            "controller-kill",
            true,
            true,
            "scaler SIGKILLed at its first Fence command, restarted at once (same ports, state from the state topic)"),
    /** The broker is restarted while the active slot processes, no walk. */
    BROKER_RESTART_STEADY(
            "broker-restart-steady", false, true, "broker stopped and started again during steady processing"),
    /** The broker is restarted the moment the first Fence is on the control topic. */
    BROKER_RESTART_CUTOVER(
            "broker-restart-cutover",
            true,
            true,
            "broker stopped and started again at the first Fence command of a walk"),
    /** Workers slower than the input rate (a growing backlog) when the walk is asked. */
    SLOW_PROCESSOR(
            "slow-processor", true, true, "processors below the input rate (backlog growing) when the walk is asked"),
    /** Malformed and unknown-version records on the control topic before and during the walk. */
    BAD_CONTROL(
            "bad-control",
            true,
            true,
            "malformed, version-less, unknown-version and pair-less records on the control topic around a walk"),
    /** An active (old slot) worker's link to the broker cut while the new slot warms ({@link NetworkFaults}). */
    CUT_ACTIVE(
            "cut-active",
            true,
            true,
            "blue-1's link cut for " + NetworkFaults.CUT_SECONDS + " s once green-1 joined its group (walk warming)"),
    /** A shadow (new slot) worker's link cut while it warms. */
    CUT_SHADOW(
            "cut-shadow",
            true,
            true,
            "green-1's link cut for " + NetworkFaults.CUT_SECONDS + " s once it joined its group (warming)"),
    /** The old slot's workers cut off at the first Handoff/Fence: between the handoff and their releases. */
    CUT_HANDOFF(
            "cut-handoff",
            true,
            true,
            "every blue worker's link cut for " + NetworkFaults.CUT_SECONDS + " s at the first Handoff/Fence"),
    /** The scaler's link to the broker cut mid-walk. */
    CUT_SCALER(
            "cut-scaler",
            true,
            true,
            "the scaler's link cut for " + NetworkFaults.CUT_SECONDS + " s at its first Handoff/Fence"),
    /** Latency on every old-slot worker's link through the walk. */
    LATENCY_200MS(
            "latency-200ms",
            true,
            true,
            NetworkFaults.LATENCY_MS + " ms added each way on every blue worker's link from the walk's request on"),
    /** Two scaler replicas on a Lease; the leader is SIGKILLed at its first Fence, the standby finishes the walk. */
    LEADER_KILL(
            "leader-kill",
            true,
            true,
            "two scalers on a Lease, the leader SIGKILLed at its first Fence; the standby takes the Lease and resumes");

    private final String label;
    private final boolean walks;
    private final boolean exactlyOnceExpected;
    private final String description;

    FaultScenario(String label, boolean walks, boolean exactlyOnceExpected, String description) {
        this.label = label;
        this.walks = walks;
        this.exactlyOnceExpected = exactlyOnceExpected;
        this.description = description;
    }

    public String label() {
        return label;
    }

    /** Whether the scenario asks for a walk (blue -> green). */
    public boolean walks() {
        return walks;
    }

    /**
     * Whether the design promises no duplicates here. Where an owner dies without answering the
     * fence, the controller falls back to the committed offsets: at-least-once for its partitions.
     */
    public boolean exactlyOnceExpected() {
        return exactlyOnceExpected;
    }

    public String description() {
        return description;
    }

    public static Optional<FaultScenario> byLabel(String label) {
        return Arrays.stream(values())
                .filter(s -> s.label.equals(label.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
