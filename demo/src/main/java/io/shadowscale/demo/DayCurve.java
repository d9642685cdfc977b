package io.shadowscale.demo;

import java.time.Duration;

/**
 * A day of traffic compressed into {@code length}: night at {@code base}, a morning ramp, the
 * peak held at {@code peak}, an evening decline, night again.
 *
 * <pre>
 *  rate
 *  peak          ┌────────┐
 *               /          \
 *  base  ──────/            \──────
 *        0   15%   45%  60%   85%  100%
 * </pre>
 * Ramps are half cosines, so the rate changes smoothly like real traffic, not in steps.
 *
 * @param base night-time rate, records/s
 * @param peak peak rate, records/s
 * @param length the whole day
 */
public record DayCurve(double base, double peak, Duration length) {
    public DayCurve {
        if (base < 0 || peak < base) {
            throw new IllegalArgumentException("expected 0 <= base <= peak, got base=" + base + " peak=" + peak);
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("length must be > 0, was " + length);
        }
    }

    /** The rate at {@code elapsedMillis} since the start of the day (base outside the day). */
    public double rateAt(long elapsedMillis) {
        double x = (double) elapsedMillis / length.toMillis();
        if (x < 0.15 || x >= 0.85) {
            return base;
        }
        if (x < 0.45) {
            return base + (peak - base) * ease((x - 0.15) / 0.30);
        }
        if (x < 0.60) {
            return peak;
        }
        return peak - (peak - base) * ease((x - 0.60) / 0.25);
    }

    /** Records the whole day produces (integral of the rate). */
    public long totalRecords() {
        long ms = length.toMillis();
        double sum = 0;
        for (long t = 0; t < ms; t += 10) {
            sum += rateAt(t) * 0.01;
        }
        return Math.round(sum);
    }

    private static double ease(double f) {
        return (1 - Math.cos(Math.PI * f)) / 2;
    }
}
