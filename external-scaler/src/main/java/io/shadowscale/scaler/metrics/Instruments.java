package io.shadowscale.scaler.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The scaler's counters and classic histograms, registered the one way every metric of this package is. */
final class Instruments {
    private Instruments() {}

    /** A counter with {@code labels}, registered in {@code registry}. */
    static Counter counter(PrometheusRegistry registry, String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    /** A classic histogram (no native buckets) over {@code bounds} with {@code labels}, in {@code registry}. */
    static Histogram histogram(
            PrometheusRegistry registry, double[] bounds, String name, String help, String... labels) {
        return Histogram.builder()
                .name(name)
                .help(help)
                .labelNames(labels)
                .classicUpperBounds(bounds)
                .classicOnly()
                .register(registry);
    }
}
