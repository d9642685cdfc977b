package io.shadowscale.bench.sim;

import java.util.SplittableRandom;

/**
 * Built-in 24-hour traffic days. The shape is a low night trough and two daily humps (late morning
 * and evening on a weekday; a later, broader afternoon on a weekend), then slow multiplicative noise
 * and a handful of short bursts drawn from the seed, and finally scaled so the day's busiest second
 * is exactly {@code peak}. The same seed gives the same day.
 */
public final class DiurnalTraces {
    public static final int DAY_SECONDS = 86_400;
    /** The weekday peak the system is built for, records/s. */
    public static final double DEFAULT_PEAK = 120_000;
    /** A weekend day peaks at this share of the weekday peak. */
    public static final double WEEKEND_SHARE = 0.6;

    private DiurnalTraces() {}

    /** Weekday: trough ~10% of peak around 04:00, humps near 11:00 and 19:30. */
    public static Trace weekday(double peak, long seed) {
        return build(
                "weekday", peak, seed, 0.10, new double[][] {{11.0, 2.6, 0.85}, {19.5, 2.2, 1.0}, {15.0, 3.0, 0.35}});
    }

    /** Weekend: deeper and later trough, one broad afternoon-evening hump, peak at 60% of the weekday's. */
    public static Trace weekend(double peak, long seed) {
        return build("weekend", peak * WEEKEND_SHARE, seed ^ 0x5EEDL, 0.12, new double[][] {
            {14.0, 3.5, 0.8}, {21.0, 2.0, 1.0}
        });
    }

    /**
     * A built-in week from Monday: five weekdays and a weekend, day {@code d} (0 = Monday) drawn with
     * seed {@code seed + d}, so Monday is {@link #weekday(double, long)} of the same seed.
     */
    public static Trace week(double peak, long seed) {
        double[] rates = new double[7 * DAY_SECONDS];
        for (int d = 0; d < 7; d++) {
            System.arraycopy(day(d, peak, seed + d).rates(), 0, rates, d * DAY_SECONDS, DAY_SECONDS);
        }
        return new Trace("week", rates);
    }

    /** Day {@code dayOfWeek} (0 = Monday, taken modulo 7): a weekday or a weekend day of this seed. */
    public static Trace day(int dayOfWeek, double peak, long seed) {
        return Math.floorMod(dayOfWeek, 7) < 5 ? weekday(peak, seed) : weekend(peak, seed);
    }

    /**
     * @param humps rows of {centre hour, width in hours, height}
     */
    private static Trace build(String name, double peak, long seed, double trough, double[][] humps) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] rates = new double[DAY_SECONDS];
        double noise = 0;
        double burstLeft = 0;
        double burstGain = 0;
        double burstChancePerSecond = 10.0 / DAY_SECONDS; // about ten bursts a day
        for (int t = 0; t < DAY_SECONDS; t++) {
            double hour = t / 3600.0;
            double shape = 0;
            for (double[] hump : humps) {
                double d = circular(hour - hump[0]);
                shape += hump[2] * Math.exp(-d * d / (2 * hump[1] * hump[1]));
            }
            // slow noise: AR(1) with a time constant of ~2 minutes, about +-4%
            noise = noise * (1 - 1 / 120.0) + random.nextGaussian() * 0.004;
            if (burstLeft <= 0 && random.nextDouble() < burstChancePerSecond) {
                burstLeft = 30 + random.nextInt(150);
                burstGain = 0.2 + random.nextDouble() * 0.4;
            }
            double burst = 0;
            if (burstLeft > 0) {
                burst = burstGain;
                burstLeft--;
            }
            rates[t] = Math.max(0, (trough + shape) * (1 + noise) * (1 + burst));
        }
        double max = 0;
        for (double r : rates) {
            max = Math.max(max, r);
        }
        for (int t = 0; t < rates.length; t++) {
            rates[t] = rates[t] / max * peak;
        }
        return new Trace(name, rates);
    }

    /** Hours apart on a 24-hour clock, in (-12, 12]. */
    private static double circular(double hours) {
        double d = hours % 24;
        if (d > 12) {
            d -= 24;
        } else if (d <= -12) {
            d += 24;
        }
        return d;
    }
}
