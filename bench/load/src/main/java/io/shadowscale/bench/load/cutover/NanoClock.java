package io.shadowscale.bench.load.cutover;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock driven by {@link System#nanoTime()} from an anchor, so the controller's transition
 * times and the processors' nano times are one timeline ({@link #nanosOf}).
 */
final class NanoClock extends Clock {
    private final long anchorNanos;
    private final long anchorEpochNanos;

    private NanoClock(long anchorNanos, long anchorEpochNanos) {
        this.anchorNanos = anchorNanos;
        this.anchorEpochNanos = anchorEpochNanos;
    }

    static NanoClock system() {
        Instant now = Instant.now();
        return new NanoClock(System.nanoTime(), now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }

    /** The nano time of an instant of this clock. */
    long nanosOf(Instant instant) {
        return anchorNanos + (instant.getEpochSecond() * 1_000_000_000L + instant.getNano() - anchorEpochNanos);
    }

    /** The nano time of an epoch time in microseconds (the payload's send time). */
    long nanosOfEpochMicros(long epochMicros) {
        return anchorNanos + (epochMicros * 1000L - anchorEpochNanos);
    }

    @Override
    public Instant instant() {
        long epochNanos = anchorEpochNanos + (System.nanoTime() - anchorNanos);
        return Instant.ofEpochSecond(
                Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("NanoClock is UTC only");
    }
}
