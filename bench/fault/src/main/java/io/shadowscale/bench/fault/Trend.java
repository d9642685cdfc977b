package io.shadowscale.bench.fault;

import java.util.Locale;

/**
 * Whether a resource grows over a soak, from its samples: {@code grows} when, over the second half
 * of the run, the least-squares slope rises by more than the tolerance ({@code floor}, or 5 % of the
 * first half's mean if that is more) and the second half's mean is above the first half's by more
 * than the tolerance too; else {@code flat}. The first half absorbs what every process does once
 * (warm-up, connections, pools filling); a leak goes on rising after it.
 *
 * @param grows whether it grows
 * @param perHour the second half's slope, units per hour
 * @param verdict {@code flat}, {@code grows by X <unit> per hour} or {@code too few samples}
 */
record Trend(boolean grows, double perHour, String verdict) {
    /** Fewer finite samples than this in either half: no verdict. */
    static final int MIN_PER_HALF = 3;

    /**
     * @param minutes when each sample was taken
     * @param values the samples (NaN: none at that time, skipped)
     * @param floor the least growth over the second half that counts, in the values' unit
     * @param unit the values' unit, for the verdict ({@code MiB}, {@code threads})
     */
    static Trend of(double[] minutes, double[] values, double floor, String unit) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < minutes.length; i++) {
            if (Double.isFinite(values[i])) {
                lo = Math.min(lo, minutes[i]);
                hi = Math.max(hi, minutes[i]);
            }
        }
        double mid = (lo + hi) / 2;
        Fit first = Fit.of(minutes, values, lo, mid, false);
        Fit second = Fit.of(minutes, values, mid, hi, true);
        if (first.n < MIN_PER_HALF || second.n < MIN_PER_HALF) {
            return new Trend(false, Double.NaN, "too few samples");
        }
        double tolerance = Math.max(floor, 0.05 * Math.abs(first.mean()));
        double perHour = second.slope() * 60;
        boolean grows = second.slope() * (hi - mid) > tolerance && second.mean() - first.mean() > tolerance;
        return new Trend(grows, perHour, grows ? "grows by " + number(perHour) + " " + unit + " per hour" : "flat");
    }

    static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Sums of a least-squares line through the finite samples with {@code from <= t < to} (or {@code <=}). */
    private record Fit(int n, double sx, double sy, double sxx, double sxy) {
        static Fit of(double[] t, double[] y, double from, double to, boolean closed) {
            int n = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (int i = 0; i < t.length; i++) {
                if (Double.isFinite(y[i]) && t[i] >= from && (t[i] < to || closed && t[i] == to)) {
                    n++;
                    sx += t[i];
                    sy += y[i];
                    sxx += t[i] * t[i];
                    sxy += t[i] * y[i];
                }
            }
            return new Fit(n, sx, sy, sxx, sxy);
        }

        double mean() {
            return sy / n;
        }

        double slope() {
            double d = n * sxx - sx * sx;
            return d == 0 ? 0 : (n * sxy - sx * sy) / d;
        }
    }
}
