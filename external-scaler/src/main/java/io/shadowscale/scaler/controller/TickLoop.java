package io.shadowscale.scaler.controller;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the pair controller looks at its pairs, on its executor: a scheduled look every tick
 * interval (called with {@code true}) and, on a {@link #kick()}, one extra look as soon as the
 * executor is free (called with {@code false}; kicks that come while one is pending are coalesced).
 * A look that throws is logged; the next one runs as planned.
 */
final class TickLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TickLoop.class);

    private final ScheduledExecutorService executor;
    private final Duration interval;
    private final Consumer<Boolean> look;
    private final AtomicBoolean kickPending = new AtomicBoolean();
    private ScheduledFuture<?> ticking;

    /**
     * @param look called with whether the look is a scheduled one
     */
    TickLoop(ScheduledExecutorService executor, Duration interval, Consumer<Boolean> look) {
        this.executor = executor;
        this.interval = interval;
        this.look = look;
    }

    /** Schedules a look every interval, the first one interval from now. */
    synchronized void start() {
        long tick = interval.toMillis();
        ticking = executor.scheduleWithFixedDelay(() -> run(true), tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Asks for one unscheduled look soon (coalesced with one already pending). */
    void kick() {
        if (kickPending.compareAndSet(false, true)) {
            executor.execute(() -> {
                kickPending.set(false);
                run(false);
            });
        }
    }

    /** No scheduled look from now on (a running one finishes). */
    synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    private void run(boolean scheduled) {
        try {
            look.accept(scheduled);
        } catch (RuntimeException e) {
            LOG.warn("controller tick failed: {}", e.toString(), e);
        }
    }
}
