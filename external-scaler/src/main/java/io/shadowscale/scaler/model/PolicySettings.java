package io.shadowscale.scaler.model;

import java.time.Duration;
import org.immutables.value.Value;

/**
 * The per-pair scaling settings, taken from the ScaledObjects' trigger metadata (both slots of a
 * pair must carry the same ones). Every field has a default; the metadata parser validates ranges
 * and names the offending key.
 *
 * @param workerCapacity records per second one worker sustains; {@code 0} means learn it from
 *     observed throughput (starting from {@link #DEFAULT_INITIAL_CAPACITY})
 * @param minReplicas fewest workers while the pair runs (at least 1)
 * @param maxReplicas most workers; {@code 0} means the partition count (never more than that)
 * @param headroom extra capacity on top of the input rate, as a fraction (0.2 = 20 %)
 * @param lagTarget drain any backlog within this time
 * @param scaleUpDelay how long a higher need must persist before a grow walk starts
 * @param scaleDownDelay the longest a lower need must persist before a shrink walk starts (the
 *     throughput policy waits as long as the current size had been in place, between scaleUpDelay and this)
 * @param warmupTimeout how long the waking slot may take to become ready before rolling back
 * @param fenceTimeout how long to wait for fence answers before falling back to committed offsets
 * @param forecast whether the policy learns the traffic's daily and weekly shape and walks ahead of a
 *     forecast rise (used only once a full day has been observed)
 * @param forecastLead how far ahead the forecast is read: a rise due within this time starts a walk now
 * @param walkWarmup how long a walk's new slot is expected to warm up: the price of a walk is its
 *     replicas during this time plus a handoff
 *     <p>Built by name with {@link #builder()}; changed one value at a time with the generated
 *     {@code with*} methods (e.g. {@code withForecast(false)}).
 */
@Value.Builder
@Value.Style(validationMethod = Value.Style.ValidationMethod.NONE, jdkOnly = true)
public record PolicySettings(
        double workerCapacity,
        int minReplicas,
        int maxReplicas,
        double headroom,
        Duration lagTarget,
        Duration scaleUpDelay,
        Duration scaleDownDelay,
        Duration warmupTimeout,
        Duration fenceTimeout,
        boolean forecast,
        Duration forecastLead,
        Duration walkWarmup)
        implements WithPolicySettings {

    /** Capacity assumed per worker before any throughput has been observed, records/s. */
    public static final double DEFAULT_INITIAL_CAPACITY = 10_000;

    /** Default of {@link #forecastLead}: a walk's warm-up, the up delay and a decision interval, rounded up. */
    public static final Duration DEFAULT_FORECAST_LEAD = Duration.ofSeconds(60);
    /** Default of {@link #walkWarmup}: the measured 10.5 s warm-up with broker-default heartbeats, rounded up. */
    public static final Duration DEFAULT_WALK_WARMUP = Duration.ofSeconds(15);

    public static final PolicySettings DEFAULTS = new PolicySettings(
            0,
            1,
            0,
            0.2,
            Duration.ofSeconds(30),
            Duration.ofSeconds(15),
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            Duration.ofSeconds(10),
            true,
            DEFAULT_FORECAST_LEAD,
            DEFAULT_WALK_WARMUP);

    /** The settings with the forecast on and the default lead and walk warm-up. */
    public PolicySettings(
            double workerCapacity,
            int minReplicas,
            int maxReplicas,
            double headroom,
            Duration lagTarget,
            Duration scaleUpDelay,
            Duration scaleDownDelay,
            Duration warmupTimeout,
            Duration fenceTimeout) {
        this(
                workerCapacity,
                minReplicas,
                maxReplicas,
                headroom,
                lagTarget,
                scaleUpDelay,
                scaleDownDelay,
                warmupTimeout,
                fenceTimeout,
                true,
                DEFAULT_FORECAST_LEAD,
                DEFAULT_WALK_WARMUP);
    }

    public PolicySettings {
        if (workerCapacity < 0) {
            throw new IllegalArgumentException("workerCapacity must be >= 0, was " + workerCapacity);
        }
        if (minReplicas < 1) {
            throw new IllegalArgumentException("minReplicas must be >= 1, was " + minReplicas);
        }
        if (maxReplicas != 0 && maxReplicas < minReplicas) {
            throw new IllegalArgumentException("maxReplicas " + maxReplicas + " is below minReplicas " + minReplicas);
        }
        if (headroom < 0 || headroom > 10) {
            throw new IllegalArgumentException("headroom must be within [0, 10], was " + headroom);
        }
        requirePositive("lagTarget", lagTarget);
        requireNotNegative("scaleUpDelay", scaleUpDelay);
        requireNotNegative("scaleDownDelay", scaleDownDelay);
        requirePositive("warmupTimeout", warmupTimeout);
        requirePositive("fenceTimeout", fenceTimeout);
        requireNotNegative("forecastLead", forecastLead);
        requireNotNegative("walkWarmup", walkWarmup);
    }

    /** A builder holding the {@link #DEFAULTS}. */
    public static Builder builder() {
        return new Builder().from(DEFAULTS);
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder().from(this);
    }

    /** The largest pair size allowed for a topic set with this many partitions in total. */
    public int effectiveMax(int partitions) {
        int cap = maxReplicas == 0 ? partitions : Math.min(maxReplicas, partitions);
        return Math.max(cap, Math.min(minReplicas, partitions));
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /**
     * Builds {@link PolicySettings} by name; the setters are generated ({@code PolicySettingsBuilder}).
     * The builder checks nothing itself: {@link #build()} runs the record's checks, with their messages.
     */
    public static final class Builder extends PolicySettingsBuilder {
        Builder() {}
    }
}
