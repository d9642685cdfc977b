package io.shadowscale.bench.load;

import java.util.function.LongSupplier;

/**
 * One time base for the producer and the consumers of a run: a monotonic nano ticker anchored to an
 * epoch instant, so send times (epoch micros in the payload) and processing times compare exactly
 * within this JVM, and tests can drive it with a fake ticker.
 */
public record RunClock(LongSupplier ticker, long anchorNanos, long anchorEpochMicros) {

    /** The system clock: {@link System#nanoTime()} anchored at now. */
    public static RunClock system() {
        return new RunClock(System::nanoTime, System.nanoTime(), System.currentTimeMillis() * 1000L);
    }

    public long nanos() {
        return ticker.getAsLong();
    }

    /** Epoch micros for a ticker reading. */
    public long epochMicros(long nanos) {
        return anchorEpochMicros + (nanos - anchorNanos) / 1000L;
    }

    public long nowEpochMicros() {
        return epochMicros(nanos());
    }
}
