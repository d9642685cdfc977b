package io.shadowscale.scaler.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * How the pair controller runs (the per-pair scaling settings are in PolicySettings). Built by
 * name: {@link #builder()} starts from the {@link #defaults()}, {@link #toBuilder()} from these.
 */
public final class ControllerSettings {
    private final String controllerId;
    private final Duration tickInterval;
    private final Duration staleAfter;
    private final Duration sessionTimeout;
    private final Duration metricsInterval;
    private final Duration partitionsRefresh;
    private final int controlPartitions;
    private final boolean createTopics;
    private final Handoff handoff;

    /** How a walk hands the partitions over. */
    public enum Handoff {
        /** The planned handoff where both slots speak it (fence/barrier otherwise). */
        PLANNED,
        /** Always the fence/barrier walk (what a version-1 controller does). */
        FENCE
    }

    private ControllerSettings(Builder b) {
        controllerId = Objects.requireNonNull(b.controllerId, "controllerId");
        handoff = Objects.requireNonNull(b.handoff, "handoff");
        for (Duration d :
                new Duration[] {b.tickInterval, b.staleAfter, b.sessionTimeout, b.metricsInterval, b.partitionsRefresh
                }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("controller durations must be > 0, got " + d);
            }
        }
        if (b.controlPartitions < 1) {
            throw new IllegalArgumentException("controlPartitions must be >= 1, was " + b.controlPartitions);
        }
        tickInterval = b.tickInterval;
        staleAfter = b.staleAfter;
        sessionTimeout = b.sessionTimeout;
        metricsInterval = b.metricsInterval;
        partitionsRefresh = b.partitionsRefresh;
        controlPartitions = b.controlPartitions;
        createTopics = b.createTopics;
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
        return new Builder(this);
    }

    /** Sender id on the control topic. */
    public String controllerId() {
        return controllerId;
    }

    /** How often every pair is looked at and the current command repeated. */
    public Duration tickInterval() {
        return tickInterval;
    }

    /** A worker not heard from for this long no longer counts. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * A fence owner silent this long is taken as gone from the active group (the workers'
     * session.timeout.ms), even if the group's member list cannot tell.
     */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** How often the policy is given an observation while STEADY. */
    public Duration metricsInterval() {
        return metricsInterval;
    }

    /** How often the pair's partitions are described again. */
    public Duration partitionsRefresh() {
        return partitionsRefresh;
    }

    /** Partitions of the control topic if the controller creates it. */
    public int controlPartitions() {
        return controlPartitions;
    }

    /** Create the control and state topics if missing. */
    public boolean createTopics() {
        return createTopics;
    }

    /**
     * How walks hand over: {@link Handoff#PLANNED} (where every worker of both slots speaks version
     * 2 of the control protocol; else fence/barrier) or always {@link Handoff#FENCE}.
     */
    public Handoff handoff() {
        return handoff;
    }

    @Override
    public String toString() {
        return "ControllerSettings[controllerId=" + controllerId + ", tickInterval=" + tickInterval
                + ", staleAfter=" + staleAfter + ", sessionTimeout=" + sessionTimeout + ", metricsInterval="
                + metricsInterval + ", partitionsRefresh=" + partitionsRefresh + ", controlPartitions="
                + controlPartitions + ", createTopics=" + createTopics + ", handoff=" + handoff + "]";
    }

    /** Builds {@link ControllerSettings} by name; {@link #build()} checks the values. */
    public static final class Builder {
        private String controllerId = "shadowscale-controller";
        private Duration tickInterval = Duration.ofMillis(500);
        private Duration staleAfter = Duration.ofSeconds(10);
        private Duration sessionTimeout = Duration.ofSeconds(45);
        private Duration metricsInterval = Duration.ofSeconds(5);
        private Duration partitionsRefresh = Duration.ofSeconds(30);
        private int controlPartitions = 6;
        private boolean createTopics = true;
        private Handoff handoff = Handoff.PLANNED;

        private Builder() {}

        private Builder(ControllerSettings s) {
            controllerId = s.controllerId;
            tickInterval = s.tickInterval;
            staleAfter = s.staleAfter;
            sessionTimeout = s.sessionTimeout;
            metricsInterval = s.metricsInterval;
            partitionsRefresh = s.partitionsRefresh;
            controlPartitions = s.controlPartitions;
            createTopics = s.createTopics;
            handoff = s.handoff;
        }

        /** Default {@code shadowscale-controller}. */
        public Builder controllerId(String value) {
            controllerId = value;
            return this;
        }

        /** Default 500 ms. */
        public Builder tickInterval(Duration value) {
            tickInterval = value;
            return this;
        }

        /** Default 10 s. */
        public Builder staleAfter(Duration value) {
            staleAfter = value;
            return this;
        }

        /** Default 45 s (Kafka's default session timeout). */
        public Builder sessionTimeout(Duration value) {
            sessionTimeout = value;
            return this;
        }

        /** Default 5 s. */
        public Builder metricsInterval(Duration value) {
            metricsInterval = value;
            return this;
        }

        /** Default 30 s. */
        public Builder partitionsRefresh(Duration value) {
            partitionsRefresh = value;
            return this;
        }

        /** Default 6. */
        public Builder controlPartitions(int value) {
            controlPartitions = value;
            return this;
        }

        /** Default true. */
        public Builder createTopics(boolean value) {
            createTopics = value;
            return this;
        }

        /** Default {@link Handoff#PLANNED}. */
        public Builder handoff(Handoff value) {
            handoff = value;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException if a duration is not positive or controlPartitions is below 1
         */
        public ControllerSettings build() {
            return new ControllerSettings(this);
        }
    }
}
