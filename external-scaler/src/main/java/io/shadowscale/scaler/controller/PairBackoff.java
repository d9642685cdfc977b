package io.shadowscale.scaler.controller;

import io.shadowscale.control.PairKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a pair's tick may run again after it failed: the first retry after {@code base}, each
 * further one after twice as long, at most {@code max}; a tick that succeeds clears it. A pair
 * whose Kafka reads or writes fail (each bounded) then costs the controller's single tick thread
 * one bounded wait per retry instead of one per tick, so the other pairs' ticks go on.
 */
final class PairBackoff {
    private record Failing(int failures, Instant retryAt) {}

    private final Duration base;
    private final Duration max;
    private final Map<PairKey, Failing> failing = new ConcurrentHashMap<>();

    PairBackoff(Duration base, Duration max) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, was base " + base + ", max " + max);
        }
        this.base = base;
        this.max = max;
    }

    /** Whether the pair's tick may run at {@code now}. */
    boolean due(PairKey pair, Instant now) {
        Failing f = failing.get(pair);
        return f == null || !now.isBefore(f.retryAt());
    }

    /** The tick failed at {@code now}; returns the wait before the next try. */
    Duration failed(PairKey pair, Instant now) {
        int failures = failing.getOrDefault(pair, new Failing(0, now)).failures() + 1;
        Duration wait = base;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        failing.put(pair, new Failing(failures, now.plus(wait)));
        return wait;
    }

    void succeeded(PairKey pair) {
        failing.remove(pair);
    }

    /** Pairs waiting for their retry. */
    int waiting() {
        return failing.size();
    }
}
