package io.shadowscale.bench.sim;

import java.util.Objects;

/**
 * A traffic profile: the input rate, records per second, for each second of the simulated period.
 *
 * @param name how reports call it
 * @param rates {@code rates[t]} is the input rate during second {@code t}
 */
public record Trace(String name, double[] rates) {
    public Trace {
        Objects.requireNonNull(name, "name");
        rates = rates.clone();
        if (rates.length == 0) {
            throw new IllegalArgumentException("trace '" + name + "' is empty");
        }
        for (int t = 0; t < rates.length; t++) {
            if (!(rates[t] >= 0) || Double.isInfinite(rates[t])) {
                throw new IllegalArgumentException("trace '" + name + "': rate at second " + t + " is " + rates[t]);
            }
        }
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
