package io.shadowscale.testkit.keda;

import java.time.Duration;
import java.util.Objects;

/**
 * How the stand-in behaves.
 *
 * @param pollingInterval how often each ScaledObject is polled (GetMetrics, then IsActive); KEDA's default is 30 s
 * @param cooldownPeriod how long a slot must report inactive before it is scaled to zero (KEDA's
 *     {@code cooldownPeriod}, default 300 s there; short here)
 * @param reconnectBackoff first wait before re-opening a failed StreamIsActive; doubled up to {@link #MAX_BACKOFF}
 * @param callTimeout deadline of each unary call
 */
public record KedaOptions(
        Duration pollingInterval, Duration cooldownPeriod, Duration reconnectBackoff, Duration callTimeout) {
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public KedaOptions {
        for (Duration d : new Duration[] {pollingInterval, reconnectBackoff, callTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(
                        "pollingInterval, reconnectBackoff and callTimeout must be > 0, got " + d);
            }
        }
        Objects.requireNonNull(cooldownPeriod, "cooldownPeriod");
        if (cooldownPeriod.isNegative()) {
            throw new IllegalArgumentException("cooldownPeriod must be >= 0, got " + cooldownPeriod);
        }
    }

    /** Poll every 1 s, scale to zero 2 s after inactive, reconnect the push stream from 2 s, 5 s call deadline. */
    public static KedaOptions defaults() {
        return new KedaOptions(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    public KedaOptions withPollingInterval(Duration interval) {
        return new KedaOptions(interval, cooldownPeriod, reconnectBackoff, callTimeout);
    }

    public KedaOptions withCooldownPeriod(Duration cooldown) {
        return new KedaOptions(pollingInterval, cooldown, reconnectBackoff, callTimeout);
    }
}
