package io.shadowscale.scaler.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * How the pair controller runs (the per-pair scaling settings are in PolicySettings).
 *
 * @param controllerId sender id on the control topic
 * @param tickInterval how often every pair is looked at and the current command repeated
 * @param staleAfter a worker not heard from for this long no longer counts
 * @param sessionTimeout a fence owner silent this long is taken as gone from the active group
 *     (the workers' session.timeout.ms), even if the group's member list cannot tell
 * @param metricsInterval how often the policy is given an observation while STEADY
 * @param partitionsRefresh how often the pair's partitions are described again
 * @param controlPartitions partitions of the control topic if the controller creates it
 * @param createTopics create the control and state topics if missing
 * @param handoff how walks hand over: {@link Handoff#PLANNED} (where every worker of both slots
 *     speaks version 2 of the control protocol; else fence/barrier) or always {@link Handoff#FENCE}
 */
public record ControllerSettings(String controllerId, Duration tickInterval, Duration staleAfter,
                                 Duration sessionTimeout, Duration metricsInterval, Duration partitionsRefresh,
                                 int controlPartitions, boolean createTopics, Handoff handoff) {
    /** How a walk hands the partitions over. */
    public enum Handoff {
        /** The planned handoff where both slots speak it (fence/barrier otherwise). */
        PLANNED,
        /** Always the fence/barrier walk (what a version-1 controller does). */
        FENCE
    }

    /** Settings with the planned handoff. */
    public ControllerSettings(String controllerId, Duration tickInterval, Duration staleAfter, Duration sessionTimeout,
                              Duration metricsInterval, Duration partitionsRefresh, int controlPartitions,
                              boolean createTopics) {
        this(controllerId, tickInterval, staleAfter, sessionTimeout, metricsInterval, partitionsRefresh,
                controlPartitions, createTopics, Handoff.PLANNED);
    }

    public ControllerSettings {
        Objects.requireNonNull(controllerId, "controllerId");
        Objects.requireNonNull(handoff, "handoff");
        for (Duration d : new Duration[] {tickInterval, staleAfter, sessionTimeout, metricsInterval, partitionsRefresh}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("controller durations must be > 0, got " + d);
            }
        }
        if (controlPartitions < 1) {
            throw new IllegalArgumentException("controlPartitions must be >= 1, was " + controlPartitions);
        }
    }

    public static ControllerSettings defaults() {
        return new ControllerSettings("shadowscale-controller", Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofSeconds(45), Duration.ofSeconds(5), Duration.ofSeconds(30), 6, true);
    }

    public ControllerSettings withControllerId(String id) {
        return new ControllerSettings(id, tickInterval, staleAfter, sessionTimeout, metricsInterval,
                partitionsRefresh, controlPartitions, createTopics, handoff);
    }

    public ControllerSettings withTimes(Duration tick, Duration stale, Duration session, Duration metrics) {
        return new ControllerSettings(controllerId, tick, stale, session, metrics, partitionsRefresh,
                controlPartitions, createTopics, handoff);
    }

    public ControllerSettings withHandoff(Handoff value) {
        return new ControllerSettings(controllerId, tickInterval, staleAfter, sessionTimeout, metricsInterval,
                partitionsRefresh, controlPartitions, createTopics, value);
    }
}
