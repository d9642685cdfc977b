package io.shadowscale.scaler.model.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.ScaleDecision;
import io.shadowscale.scaler.model.ScalingPolicy;

/**
 * Sizes a pair from throughput: enough workers for the input rate plus draining the lag within the
 * lag target, with headroom, quick to grow and slow to shrink.
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
 *   <li>Grow: once a larger size has been wanted for {@code scaleUpDelay}, walk to the size wanted now.
 *   <li>Shrink: only to a size that would still cope with {@value #HYSTERESIS_PERCENT}% more than the
 *       headroom asks (so a need hovering at a boundary never flaps), and only after a smaller size
 *       has been wanted without a break for the down delay; then to the largest size wanted during
 *       that wait. The down delay is {@code scaleDownDelay}, shortened to how long the current size
 *       had been in place when the wait began (but not below {@code scaleUpDelay}), see
 *       {@link #shrinkDelay}.
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

    public ThroughputPolicy() {
    }

    @Override
    public PolicyOutcome decide(Observation obs, PolicySettings settings, PolicyMemory memory) {
        Instant now = obs.at();
        int current = obs.replicas();
        int max = settings.effectiveMax(obs.partitions());
        int min = Math.min(settings.minReplicas(), max);

        double learned = learn(obs, memory.learnedCapacity());
        boolean configured = settings.workerCapacity() > 0;
        double capacity = configured ? settings.workerCapacity() : learned;

        double lagTargetSeconds = settings.lagTarget().toMillis() / 1000.0;
        double backlog = Math.max(0, obs.lag() - obs.inputRate() * IN_FLIGHT_SECONDS);
        double need = obs.inputRate() + backlog / lagTargetSeconds;
        double equivalents = need * (1 + settings.headroom()) / capacity;
        int wanted = size(equivalents, min, max, obs.partitions());
        int shrinkTo = size(equivalents * (1 + HYSTERESIS_PERCENT / 100.0), min, max, obs.partitions());

        String why = String.format(Locale.ROOT,
                "input %s/s + backlog %s (lag %s less %ds in flight) drained in %ss needs %.1f workers of %s/s%s"
                        + " with %d%% headroom",
                human(obs.inputRate()), human(backlog), human(obs.lag()), IN_FLIGHT_SECONDS, human(lagTargetSeconds),
                equivalents, human(capacity), configured ? "" : " (learned)", Math.round(settings.headroom() * 100));
        String fit = fit(wanted, equivalents, max, obs.partitions());

        if (wanted > current) {
            boolean growing = memory.pendingSince() != null && memory.pendingReplicas() > current;
            Instant since = growing ? memory.pendingSince() : now;
            Duration waited = Duration.between(since, now);
            if (waited.compareTo(settings.scaleUpDelay()) >= 0) {
                return new PolicyOutcome(
                        ScaleDecision.resize(wanted, "grow " + current + "->" + wanted + ": " + why + fit),
                        new PolicyMemory(learned, 0, null, now));
            }
            return new PolicyOutcome(
                    ScaleDecision.hold(current, "hold " + current + ", grow to " + wanted + " after "
                            + seconds(settings.scaleUpDelay().minus(waited)) + " more: " + why + fit),
                    new PolicyMemory(learned, wanted, since, memory.lastResizeAt()));
        }
        if (shrinkTo < current) {
            boolean shrinking = memory.pendingSince() != null
                    && memory.pendingReplicas() > 0 && memory.pendingReplicas() < current;
            Instant since = shrinking ? memory.pendingSince() : now;
            int target = shrinking ? Math.max(memory.pendingReplicas(), shrinkTo) : shrinkTo;
            Duration waited = Duration.between(since, now);
            Duration delay = shrinkDelay(settings, memory.lastResizeAt(), since);
            String shortened = delay.compareTo(settings.scaleDownDelay()) < 0
                    ? " (down delay " + seconds(delay) + ": " + current + " had been in place " + seconds(delay) + ")" : "";
            if (waited.compareTo(delay) >= 0) {
                return new PolicyOutcome(
                        ScaleDecision.resize(target, "shrink " + current + "->" + target + " after "
                                + seconds(waited) + " below" + shortened + ": " + why),
                        new PolicyMemory(learned, 0, null, now));
            }
            return new PolicyOutcome(
                    ScaleDecision.hold(current, "hold " + current + ", shrink to " + target + " after "
                            + seconds(delay.minus(waited)) + " more" + shortened + ": " + why),
                    new PolicyMemory(learned, target, since, memory.lastResizeAt()));
        }
        String band = wanted < current
                ? " (" + wanted + " would keep less than the " + HYSTERESIS_PERCENT + "% shrink margin)" : "";
        return new PolicyOutcome(
                ScaleDecision.hold(current, "hold " + current + ": " + why + band),
                new PolicyMemory(learned, 0, null, memory.lastResizeAt()));
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
        boolean saturated = obs.replicas() > 0 && obs.lag() > 0 && obs.processedRate() > 0
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
