package io.shadowscale.scaler.model.policy;

import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.ScaleDecision;
import io.shadowscale.scaler.model.ScalingPolicy;
import io.shadowscale.scaler.model.TrafficProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Sizes a pair from throughput: enough workers for the input rate plus draining the lag within the
 * lag target, with headroom; ahead of the rises its traffic profile forecasts, and with every walk
 * priced against what it saves.
 *
 * <pre>
 * backlog = max(0, lag - inputRate * IN_FLIGHT_SECONDS)   records
 * need    = inputRate + backlog / lagTarget                  records/s
 * workers = need * (1 + headroom) / capacity                 worker-equivalents
 * wanted  = fewest n in [min, effectiveMax] whose busiest worker (ceil(partitions / n) partitions)
 *           still copes, see {@link PartitionBalance}
 * </pre>
 *
 * The lag comes from committed offsets, so even a pair that keeps up shows the records processed
 * since each worker's last commit; the first {@value #IN_FLIGHT_SECONDS} s of input in the lag are
 * taken as that (Kafka's default auto-commit interval) and not as backlog to drain.
 *
 * <ul>
 *   <li>Forecast ({@code forecast}, once a full day has been observed): every observation goes into
 *       the pair's {@link TrafficProfile}; the highest slot mean of the next {@code forecastLead},
 *       scaled by today's {@link TrafficProfile#level level}, is sized like an input rate. When it
 *       needs more than the pair has, the pair walks at once, ahead of the rise. The size kept is
 *       never below what the observation needs, and with a forecast the shrink margin below is not
 *       applied (the price of a walk stops flapping instead).
 *   <li>Grow: a higher need the current size still keeps up with (no headroom, but its spare rate
 *       drains the backlog within the lag target) is a burst, held until it has lasted
 *       {@code scaleDownDelay}. Otherwise the pair grows once the need has lasted {@code scaleUpDelay},
 *       or at once when the rest of that wait plus a {@code walkWarmup} would leave more than the lag
 *       target of input behind.
 *   <li>Shrink: to a size that would still cope with {@value #HYSTERESIS_PERCENT}% more than the
 *       headroom asks (without a forecast), after a smaller size has been wanted without a break for
 *       the down delay ({@link #shrinkDelay}; {@code scaleUpDelay} with a forecast), then to the
 *       largest size wanted during that wait, and only when the replica-seconds it saves over its
 *       horizon outweigh the walk ({@link WalkPrice}).
 *   <li>Capacity: {@code workerCapacity} when configured; otherwise learned. A pair with lag whose
 *       input outpaces its progress is saturated, so its progress per effective worker is what a
 *       worker sustains; the estimate moves {@value #LEARNING_PERCENT}% of the way to each such sample,
 *       starting from {@link PolicySettings#DEFAULT_INITIAL_CAPACITY}. An unsaturated pair teaches nothing.
 * </ul>
 *
 * Pure: the same inputs give the same outcome; time comes only from {@link Observation#at()}.
 */
public final class ThroughputPolicy implements ScalingPolicy {
    /** Extra margin, in percent of the need, a smaller size must cover before the pair shrinks. */
    public static final int HYSTERESIS_PERCENT = 10;
    /** Weight, in percent, of each saturated sample in the learned capacity. */
    public static final int LEARNING_PERCENT = 30;
    /** Input must exceed progress by this many percent to count as saturation (measurement noise). */
    public static final int SATURATION_PERCENT = 2;
    /** Seconds of input the committed lag holds without any backlog: records processed but not yet committed. */
    public static final int IN_FLIGHT_SECONDS = 5;

    public ThroughputPolicy() {}

    @Override
    public PolicyOutcome decide(Observation obs, PolicySettings settings, PolicyMemory memory) {
        Instant now = obs.at();
        int current = obs.replicas();
        int max = settings.effectiveMax(obs.partitions());
        int min = Math.min(settings.minReplicas(), max);
        TrafficProfile profile = memory.profile().observe(now, obs.inputRate());

        double learned = learn(obs, memory.learnedCapacity());
        boolean configured = settings.workerCapacity() > 0;
        double capacity = configured ? settings.workerCapacity() : learned;

        double lagTargetSeconds = settings.lagTarget().toMillis() / 1000.0;
        double backlog = Math.max(0, obs.lag() - obs.inputRate() * IN_FLIGHT_SECONDS);
        double need = obs.inputRate() + backlog / lagTargetSeconds;
        double perRecord = (1 + settings.headroom()) / capacity;
        double equivalents = need * perRecord;
        int wanted = size(equivalents, min, max, obs.partitions());

        double level = profile.level();
        double ahead = settings.forecast() && profile.hasDay(now)
                ? profile.peakAhead(now, settings.forecastLead()) * level
                : Double.NaN;
        boolean forecasting = !Double.isNaN(ahead);
        int forecastWanted = forecasting ? size(ahead * perRecord, min, max, obs.partitions()) : 0;
        // With a forecast the price of the walks replaces the margin against flapping at a size boundary.
        int shrinkTo = forecasting
                ? Math.max(wanted, forecastWanted)
                : size(equivalents * (1 + HYSTERESIS_PERCENT / 100.0), min, max, obs.partitions());

        String why = String.format(
                        Locale.ROOT,
                        "input %s/s + backlog %s (lag %s less %ds in flight) drained in %ss needs %.1f workers of "
                                + "%s/s%s"
                                + " with %d%% headroom",
                        human(obs.inputRate()),
                        human(backlog),
                        human(obs.lag()),
                        IN_FLIGHT_SECONDS,
                        human(lagTargetSeconds),
                        equivalents,
                        human(capacity),
                        configured ? "" : " (learned)",
                        Math.round(settings.headroom() * 100))
                + (forecasting
                        ? String.format(
                                Locale.ROOT,
                                "; forecast %s/s within %s (profile x %.2f) needs %.1f",
                                human(ahead),
                                seconds(settings.forecastLead()),
                                level,
                                ahead * perRecord)
                        : "");
        Decision d = new Decision(obs, settings, memory, learned, capacity, profile, level);

        if (forecastWanted > current && forecastWanted >= wanted) {
            return d.resize(
                    forecastWanted,
                    "grow " + current + "->" + forecastWanted + " ahead of the forecast: " + why
                            + fit(forecastWanted, ahead * perRecord, max, obs.partitions()));
        }
        if (wanted > current) {
            return d.grow(
                    Math.max(wanted, forecastWanted), backlog, why + fit(wanted, equivalents, max, obs.partitions()));
        }
        if (shrinkTo < current) {
            return d.shrink(shrinkTo, forecasting, why);
        }
        String band = wanted < current && !forecasting
                ? " (" + wanted + " would keep less than the " + HYSTERESIS_PERCENT + "% shrink margin)"
                : wanted < current ? " (the forecast needs " + current + ")" : "";
        return d.hold(current, "hold " + current + ": " + why + band, 0, null);
    }

    /**
     * One decision: what it looks at, the capacity it works with, and the outcomes it builds, all
     * carrying the same learned capacity and profile.
     */
    private record Decision(
            Observation obs,
            PolicySettings settings,
            PolicyMemory memory,
            double learned,
            double capacity,
            TrafficProfile profile,
            double level) {
        PolicyOutcome resize(int replicas, String reason) {
            return new PolicyOutcome(
                    ScaleDecision.resize(replicas, reason), new PolicyMemory(learned, 0, null, obs.at(), profile));
        }

        /** Holds at {@code replicas}, a size {@code pending} wanted since {@code since} (0 and null: none). */
        PolicyOutcome hold(int replicas, String reason, int pending, Instant since) {
            return new PolicyOutcome(
                    ScaleDecision.hold(replicas, reason),
                    new PolicyMemory(learned, pending, since, memory.lastResizeAt(), profile));
        }

        /**
         * A larger size is wanted. While the current size still keeps up without the headroom (the lag
         * it leaves drains within the lag target) this is a burst: the pair grows only once it has lasted
         * {@code scaleDownDelay}. Otherwise it grows after {@code scaleUpDelay}, or at once when the lag
         * would break the target before a walk started after the delay is ready.
         */
        PolicyOutcome grow(int target, double backlog, String why) {
            Instant now = obs.at();
            int current = obs.replicas();
            boolean growing = memory.pendingSince() != null && memory.pendingReplicas() > current;
            Instant since = growing ? memory.pendingSince() : now;
            Duration waited = Duration.between(since, now);
            double lagTargetSeconds = settings.lagTarget().toMillis() / 1000.0;
            double spare = PartitionBalance.effectiveWorkers(current, obs.partitions()) * capacity - obs.inputRate();
            String head = "grow " + current + "->" + target;
            if (spare > 0 && backlog <= spare * lagTargetSeconds) {
                Duration grace = settings.scaleDownDelay().compareTo(settings.scaleUpDelay()) > 0
                        ? settings.scaleDownDelay()
                        : settings.scaleUpDelay();
                String burst = String.format(
                        Locale.ROOT,
                        "%d workers keep up with %s/s to spare, the lag drains in %ss within" + " the %ss target",
                        current,
                        human(spare),
                        human(backlog / spare),
                        human(lagTargetSeconds));
                if (waited.compareTo(grace) >= 0) {
                    return resize(
                            target,
                            head + ": the higher need lasted " + seconds(waited) + ", no burst (" + burst + "): "
                                    + why);
                }
                return hold(
                        current,
                        "hold " + current + " through a burst (" + burst + "), grow to " + target + " if it lasts "
                                + seconds(grace.minus(waited)) + " more: " + why,
                        target,
                        since);
            }
            if (waited.compareTo(settings.scaleUpDelay()) >= 0) {
                return resize(target, head + ": " + why);
            }
            Duration left = settings.scaleUpDelay().minus(waited);
            double deficit = Math.max(0, -spare);
            double projected =
                    backlog + deficit * (left.plus(settings.walkWarmup()).toMillis() / 1000.0);
            double projectedSeconds = projected / Math.max(1, obs.inputRate());
            if (projectedSeconds > lagTargetSeconds) {
                return resize(
                        target,
                        head
                                + String.format(
                                        Locale.ROOT,
                                        " at once: waiting %s more and a %s warm-up would leave a backlog of %s,"
                                                + " %ss of input, over the %ss lag target: ",
                                        seconds(left),
                                        seconds(settings.walkWarmup()),
                                        human(projected),
                                        human(projectedSeconds),
                                        human(lagTargetSeconds))
                                + why);
            }
            return hold(
                    current,
                    "hold " + current + ", grow to " + target + " after " + seconds(left) + " more: " + why,
                    target,
                    since);
        }

        /**
         * A smaller size would do. It is taken once the lower need has lasted its delay and the
         * replica-seconds saved over the horizon outweigh the walk's price ({@link WalkPrice}): with a
         * forecast the delay is {@code scaleUpDelay} and the horizon how long the forecast stays within
         * the smaller size (at most {@link WalkPrice#HORIZON}, and a walk back is priced in when it ends
         * sooner); without one, the delay is {@link #shrinkDelay} and the horizon the time the lower need
         * has already lasted (a {@code scaleDownDelay} of 0 asks for shrinks at once and is not priced).
         */
        PolicyOutcome shrink(int shrinkTo, boolean forecasting, String why) {
            Instant now = obs.at();
            int current = obs.replicas();
            boolean shrinking =
                    memory.pendingSince() != null && memory.pendingReplicas() > 0 && memory.pendingReplicas() < current;
            Instant since = shrinking ? memory.pendingSince() : now;
            int target = shrinking ? Math.max(memory.pendingReplicas(), shrinkTo) : shrinkTo;
            Duration waited = Duration.between(since, now);
            Duration delay =
                    forecasting ? settings.scaleUpDelay() : shrinkDelay(settings, memory.lastResizeAt(), since);
            String shortened = !forecasting && delay.compareTo(settings.scaleDownDelay()) < 0
                    ? " (down delay " + seconds(delay) + ": " + current + " had been in place " + seconds(delay) + ")"
                    : "";
            if (waited.compareTo(delay) < 0) {
                return hold(
                        current,
                        "hold " + current + ", shrink to " + target + " after " + seconds(delay.minus(waited)) + " more"
                                + shortened + ": " + why,
                        target,
                        since);
            }
            WalkPrice price = forecasting
                    ? WalkPrice.forecast(
                            current,
                            target,
                            profile.lowFor(
                                    now,
                                    PartitionBalance.effectiveWorkers(target, obs.partitions())
                                            * capacity
                                            / (1 + settings.headroom())
                                            / level,
                                    WalkPrice.HORIZON),
                            settings.walkWarmup())
                    : WalkPrice.observed(current, target, waited, settings.walkWarmup());
            if (!price.worthIt() && !(settings.scaleDownDelay().isZero() && !forecasting)) {
                return hold(
                        current,
                        "hold " + current + ", shrink to " + target + " not worth a walk yet: " + price.describe()
                                + ": " + why,
                        target,
                        since);
            }
            return resize(
                    target,
                    "shrink " + current + "->" + target + " after " + seconds(waited) + " below" + shortened + ", "
                            + price.describe() + ": " + why);
        }
    }

    /**
     * How long a smaller need must last before the pair shrinks, for a wait that began at
     * {@code since}: as long as the current size had been in place by then, at least
     * {@code scaleUpDelay} and at most {@code scaleDownDelay}; the full {@code scaleDownDelay} when
     * the pair never resized. The evidence asked of a shrink grows with how long the size it undoes
     * was needed: a size grown for a burst is given up about as soon as the burst has lasted, one
     * that carried the load for a long time only after the full delay. A shrink never goes below
     * what the current need plus headroom and margin asks, so a need that returns is met by the
     * ordinary grow, as at any other size.
     */
    static Duration shrinkDelay(PolicySettings settings, Instant lastResizeAt, Instant since) {
        Duration most = settings.scaleDownDelay();
        if (lastResizeAt == null) {
            return most;
        }
        Duration least = settings.scaleUpDelay().compareTo(most) < 0 ? settings.scaleUpDelay() : most;
        Duration inPlace = Duration.between(lastResizeAt, since);
        if (inPlace.compareTo(least) < 0) {
            return least;
        }
        return inPlace.compareTo(most) > 0 ? most : inPlace;
    }

    /** The learned capacity after this observation (unchanged unless the pair is saturated). */
    static double learn(Observation obs, double previous) {
        double start = previous > 0 ? previous : PolicySettings.DEFAULT_INITIAL_CAPACITY;
        boolean saturated = obs.replicas() > 0
                && obs.lag() > 0
                && obs.processedRate() > 0
                && obs.inputRate() > obs.processedRate() * (1 + SATURATION_PERCENT / 100.0);
        if (!saturated) {
            return start;
        }
        double sample = obs.processedRate() / PartitionBalance.effectiveWorkers(obs.replicas(), obs.partitions());
        return start + (sample - start) * LEARNING_PERCENT / 100.0;
    }

    private static int size(double equivalents, int min, int max, int partitions) {
        return Math.max(min, Math.min(max, PartitionBalance.fewestWorkersFor(equivalents, min, partitions)));
    }

    private static String fit(int wanted, double equivalents, int max, int partitions) {
        if (equivalents > PartitionBalance.effectiveWorkers(wanted, partitions) + 1e-9) {
            return " (capped at " + max + (max == partitions ? " = partitions)" : ")");
        }
        if (wanted > Math.ceil(equivalents - 1e-9)) {
            return " (" + wanted + " to share " + partitions + " partitions evenly)";
        }
        return "";
    }

    private static String seconds(Duration d) {
        return human(d.toMillis() / 1000.0) + "s";
    }

    /** 58200 -> "58.2k", 12000 -> "12k", 30 -> "30", 2.5 -> "2.5". */
    static String human(double v) {
        String s;
        if (Math.abs(v) >= 1_000_000) {
            s = String.format(Locale.ROOT, "%.1fM", v / 1_000_000);
        } else if (Math.abs(v) >= 1_000) {
            s = String.format(Locale.ROOT, "%.1fk", v / 1_000);
        } else {
            s = String.format(Locale.ROOT, "%.1f", v);
        }
        return s.replace(".0k", "k").replace(".0M", "M").replaceAll("\\.0$", "");
    }
}
