package io.shadowscale.bench.load;

import java.nio.file.Path;
import java.util.List;

/**
 * A run's settings, parsed and validated by {@link LoadOptions}. Times are seconds after the
 * start of production.
 */
public record LoadSettings(int rate, int durationSeconds, int recordSize, int partitions, int costMicros,
                           int members, int scaleTo, int scaleUpAt, int scaleDownAt, int producerThreads,
                           String acks, int drainTimeoutSeconds, List<String> scenarios, Path out,
                           int probeDurationSeconds, int probeStartRate, int probeMax, double probePrecision) {
    public LoadSettings {
        scenarios = List.copyOf(scenarios);
    }

    /** The same settings for other scenarios. */
    public LoadSettings withScenarios(List<String> names) {
        return new LoadSettings(rate, durationSeconds, recordSize, partitions, costMicros, members, scaleTo,
                scaleUpAt, scaleDownAt, producerThreads, acks, drainTimeoutSeconds, names, out,
                probeDurationSeconds, probeStartRate, probeMax, probePrecision);
    }

    /** The same settings at another rate and duration (a ceiling probe). */
    public LoadSettings probe(int probeRate, int seconds) {
        return new LoadSettings(probeRate, seconds, recordSize, partitions, costMicros, members, scaleTo,
                scaleUpAt, scaleDownAt, producerThreads, acks, drainTimeoutSeconds, scenarios, out,
                probeDurationSeconds, probeStartRate, probeMax, probePrecision);
    }
}
