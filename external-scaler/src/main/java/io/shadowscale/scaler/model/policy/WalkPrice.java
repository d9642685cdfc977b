package io.shadowscale.scaler.model.policy;

import java.time.Duration;
import java.util.Locale;

/**
 * What a shrink walk saves against what it costs, in replica-seconds.
 *
 * <pre>
 * walk(to, from) = to * walkWarmup + from * HANDOFF_SECONDS   the new slot warms up beside the old one,
 *                                                            then the old one is paid through the handoff
 * cost           = walk(target, current) [+ walk(current, target) when the horizon ends in a rise]
 * saved          = (current - target) * horizon
 * </pre>
 *
 * A shrink is worth it when {@code saved > cost}.
 *
 * @param current the pair's size now
 * @param target the smaller size
 * @param horizon how long the smaller size is expected to do
 * @param walkBack whether a walk back up is expected at the horizon's end
 * @param warmup a walk's expected warm-up
 * @param forecast whether the horizon comes from the forecast (else from how long the lower need lasted)
 */
record WalkPrice(int current, int target, Duration horizon, boolean walkBack, Duration warmup, boolean forecast) {
    /** The furthest a shrink is priced ahead. */
    static final Duration HORIZON = Duration.ofHours(1);
    /** Seconds the old slot is still paid for after the new one is ready: fence, barrier and drain, rounded up. */
    static final int HANDOFF_SECONDS = 2;

    /** Priced on the forecast: the horizon is how long it stays within the smaller size. */
    static WalkPrice forecast(int current, int target, Duration lowFor, Duration warmup) {
        return new WalkPrice(current, target, lowFor, lowFor.compareTo(HORIZON) < 0, warmup, true);
    }

    /** Priced on observation alone: a lower need that has lasted {@code waited} is expected to last as long again. */
    static WalkPrice observed(int current, int target, Duration waited, Duration warmup) {
        return new WalkPrice(current, target, waited.compareTo(HORIZON) > 0 ? HORIZON : waited, false, warmup, false);
    }

    static double walk(int to, int from, Duration warmup) {
        return to * warmup.toMillis() / 1000.0 + from * HANDOFF_SECONDS;
    }

    double cost() {
        return walk(target, current, warmup) + (walkBack ? walk(current, target, warmup) : 0);
    }

    double saved() {
        return (current - target) * horizon.toMillis() / 1000.0;
    }

    boolean worthIt() {
        return saved() > cost();
    }

    /** "saves 1.8k replica-s over 300s (forecast) against 114 for the walk and back". */
    String describe() {
        return String.format(
                Locale.ROOT,
                "saves %s replica-s over %ss (%s) against %s for the walk%s",
                ThroughputPolicy.human(saved()),
                ThroughputPolicy.human(horizon.toMillis() / 1000.0),
                forecast ? "forecast" : "as long as it lasted",
                ThroughputPolicy.human(cost()),
                walkBack ? " and back" : "");
    }
}
