package io.shadowscale.scaler.controller;

import java.time.Duration;
import java.util.Objects;
import org.immutables.value.Value;

/**
 * How the pair controller runs (the per-pair scaling settings are in PolicySettings). Built by
 * name: {@link #builder()} starts from the {@link #defaults()}, {@link #toBuilder()} from these.
 *
 * @param controllerId sender id on the control topic
 * @param tickInterval how often every pair is looked at and the current command repeated
 * @param staleAfter a worker not heard from for this long no longer counts
 * @param sessionTimeout a fence owner silent this long is taken as gone from the active group (the
 *     workers' session.timeout.ms), even if the group's member list cannot tell
 * @param metricsInterval how often the policy is given an observation while STEADY
 * @param partitionsRefresh how often the pair's partitions are described again
 * @param controlPartitions partitions of the control topic if the controller creates it
 * @param createTopics create the control and state topics if missing
 * @param handoff how walks hand over: {@link Handoff#PLANNED} (where every worker of both slots
 *     speaks version 2 of the control protocol; else fence/barrier) or always {@link Handoff#FENCE}
 */
@Value.Builder
@Value.Style(validationMethod = Value.Style.ValidationMethod.NONE, jdkOnly = true)
public record ControllerSettings(
        String controllerId,
        Duration tickInterval,
        Duration staleAfter,
        Duration sessionTimeout,
        Duration metricsInterval,
        Duration partitionsRefresh,
        int controlPartitions,
        boolean createTopics,
        Handoff handoff) {

    /** How a walk hands the partitions over. */
    public enum Handoff {
        /** The planned handoff where both slots speak it (fence/barrier otherwise). */
        PLANNED,
        /** Always the fence/barrier walk (what a version-1 controller does). */
        FENCE
    }

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a duration is not positive or controlPartitions is below 1
     */
    public ControllerSettings {
        Objects.requireNonNull(controllerId, "controllerId");
        Objects.requireNonNull(handoff, "handoff");
        for (Duration d :
                new Duration[] {tickInterval, staleAfter, sessionTimeout, metricsInterval, partitionsRefresh}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("controller durations must be > 0, got " + d);
            }
        }
        if (controlPartitions < 1) {
            throw new IllegalArgumentException("controlPartitions must be >= 1, was " + controlPartitions);
        }
    }

    /** Every setting at its default (see {@link Builder}). */
    public static ControllerSettings defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder().from(this);
    }

    /**
     * Builds {@link ControllerSettings} by name; the setters are generated ({@code
     * ControllerSettingsBuilder}). The defaults: controllerId {@code shadowscale-controller},
     * tickInterval 500 ms, staleAfter 10 s, sessionTimeout 45 s (Kafka's default session timeout),
     * metricsInterval 5 s, partitionsRefresh 30 s, controlPartitions 6, createTopics true, handoff
     * {@link Handoff#PLANNED}. The builder checks nothing itself: {@link #build()} runs the record's
     * checks.
     */
    public static final class Builder extends ControllerSettingsBuilder {
        Builder() {
            controllerId("shadowscale-controller")
                    .tickInterval(Duration.ofMillis(500))
                    .staleAfter(Duration.ofSeconds(10))
                    .sessionTimeout(Duration.ofSeconds(45))
                    .metricsInterval(Duration.ofSeconds(5))
                    .partitionsRefresh(Duration.ofSeconds(30))
                    .controlPartitions(6)
                    .createTopics(true)
                    .handoff(Handoff.PLANNED);
        }
    }
}
