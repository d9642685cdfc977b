package io.shadowscale.bench.load;

/** The per-record processor of every scenario: burns CPU for a fixed number of microseconds. */
public final class BusySpin {
    private final long nanos;

    private BusySpin(long nanos) {
        this.nanos = nanos;
    }

    public static BusySpin micros(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("processing cost must be >= 0 us, got " + micros);
        }
        return new BusySpin(micros * 1000L);
    }

    /** Spins; returns {@link System#nanoTime()} when done. */
    public long process() {
        long start = System.nanoTime();
        if (nanos == 0) {
            return start;
        }
        long now;
        do {
            Thread.onSpinWait();
            now = System.nanoTime();
        } while (now - start < nanos);
        return now;
    }
}
