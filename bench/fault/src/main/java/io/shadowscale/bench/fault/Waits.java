package io.shadowscale.bench.fault;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The fault run's bounded waits: a condition polled every 100 ms until it holds or time is up. */
final class Waits {
    private Waits() {}

    /** Polls {@code condition} every 100 ms until true or {@code timeout}; false on timeout. */
    static boolean waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /** As {@link #waitFor}, but a timeout is an error naming {@code what} was awaited. */
    static void require(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        if (!waitFor(condition, timeout)) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }
}
