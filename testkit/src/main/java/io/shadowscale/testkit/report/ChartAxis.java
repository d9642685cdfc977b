package io.shadowscale.testkit.report;

import java.util.ArrayList;
import java.util.List;

/** A chart axis: maps values to [0, 1] and proposes tick values. */
record ChartAxis(double min, double max, boolean log) {
    static ChartAxis linear(double min, double max) {
        return linear(min, max, false);
    }

    static ChartAxis linear(double min, double max, boolean exact) {
        if (exact) {
            return new ChartAxis(min, max, false);
        }
        double step = niceStep((max - min) / 5);
        return new ChartAxis(min, Math.ceil(max / step) * step, false);
    }

    static ChartAxis log(double min, double max) {
        double lo = Math.pow(10, Math.floor(Math.log10(min)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max)));
        return new ChartAxis(lo, hi <= lo ? lo * 10 : hi, true);
    }

    double position(double v) {
        if (log) {
            if (v <= min) {
                return 0;
            }
            return Math.log10(v / min) / Math.log10(max / min);
        }
        return (v - min) / (max - min);
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double t = min; t <= max * 1.0001; t *= 10) {
                ticks.add(t);
            }
            return ticks;
        }
        double step = niceStep((max - min) / 5);
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-6; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    private static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / magnitude;
        double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
