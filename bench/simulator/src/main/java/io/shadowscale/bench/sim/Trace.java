package io.shadowscale.bench.sim;

import java.util.Arrays;
import java.util.Objects;

/**
 * A traffic profile: the input rate, records per second, for each second of the simulated period.
 *
 * @param name how reports call it
 * @param rates {@code rates[t]} is the input rate during second {@code t}
 * @param historySeconds how many leading seconds are history: every strategy runs through them (so a
 *     forecast can learn from them), the figures count only the seconds after
 */
public record Trace(String name, double[] rates, int historySeconds) {
    public Trace {
        Objects.requireNonNull(name, "name");
        rates = rates.clone();
        if (rates.length == 0) {
            throw new IllegalArgumentException("trace '" + name + "' is empty");
        }
        if (historySeconds < 0 || historySeconds >= rates.length) {
            throw new IllegalArgumentException("trace '" + name + "': " + historySeconds + " s of history leave nothing"
                    + " of its " + rates.length + " s to measure");
        }
        for (int t = 0; t < rates.length; t++) {
            if (!(rates[t] >= 0) || Double.isInfinite(rates[t])) {
                throw new IllegalArgumentException("trace '" + name + "': rate at second " + t + " is " + rates[t]);
            }
        }
    }

    /** A trace measured from its first second. */
    public Trace(String name, double[] rates) {
        this(name, rates, 0);
    }

    /** This trace (measured from its first second) with {@code history} run before it. */
    public Trace afterHistory(double[] history) {
        if (history.length == 0) {
            return this;
        }
        double[] all = new double[history.length + rates.length];
        System.arraycopy(history, 0, all, 0, history.length);
        System.arraycopy(rates, 0, all, history.length, rates.length);
        return new Trace(name, all, history.length);
    }

    /** The measured part alone, from second 0. */
    public Trace measured() {
        return historySeconds == 0 ? this : new Trace(name, Arrays.copyOfRange(rates, historySeconds, rates.length));
    }

    public int seconds() {
        return rates.length;
    }

    public double rate(int second) {
        return rates[second];
    }

    public double peak() {
        double max = 0;
        for (double r : rates) {
            max = Math.max(max, r);
        }
        return max;
    }

    @Override
    public double[] rates() {
        return rates.clone();
    }
}
