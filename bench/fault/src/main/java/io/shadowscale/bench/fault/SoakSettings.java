package io.shadowscale.bench.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a soak run is shaped (see {@link SoakRun}).
 *
 * @param load what the producer sends
 * @param walks the walks between two sizes
 * @param duration how long the producer sends
 * @param sampleEvery time between two resource samples of every process
 * @param drainTimeout the longest wait, after production, for every acknowledged record in the output
 * @param classpath classpath of the worker and scaler processes
 * @param out report directory (process logs and GC logs under {@code logs/})
 */
record SoakSettings(
        Load load,
        Walks walks,
        Duration duration,
        Duration sampleEvery,
        Duration drainTimeout,
        String classpath,
        Path out) {
    SoakSettings {
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(walks, "walks");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(out, "out");
    }

    /**
     * @param rate records per second
     * @param partitions partitions of the input and output topics
     * @param recordSize record value size in bytes
     */
    record Load(int rate, int partitions, int recordSize) {}

    /**
     * @param from workers before the first walk (blue), and after every second walk
     * @param to workers after the first walk (green), and after every second walk from there
     * @param every time from one walk's start to the next
     * @param warmupTimeout the pair's {@code warmupTimeoutSeconds} (a walk rolls back after it)
     */
    record Walks(int from, int to, Duration every, Duration warmupTimeout) {
        /** The size a walk from {@code size} goes to: {@code from} from {@code to}, else {@code to}. */
        int other(int size) {
            return size == to ? from : to;
        }
    }
}
