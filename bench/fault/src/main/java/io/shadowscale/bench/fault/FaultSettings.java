package io.shadowscale.bench.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How each fault run is shaped.
 *
 * @param scenarios the scenarios, in order
 * @param repeat runs per scenario
 * @param rate records per second the producer sends
 * @param partitions partitions of each run's input and output topics
 * @param recordSize record value size in bytes
 * @param from active workers before the walk (blue)
 * @param to workers after the walk (green)
 * @param steadyBefore seconds of steady processing before the fault
 * @param after seconds of production after the pair recovered
 * @param recoveryTimeout the longest wait for the pair to be steady again and caught up
 * @param warmupTimeout the pair's {@code warmupTimeoutSeconds} (a walk rolls back after it)
 * @param drainTimeout the longest wait, after production, for every acknowledged record in the output
 * @param slowDelayMicros per-record processing delay of the slow-processor scenario
 * @param classpath classpath of the worker and scaler processes
 * @param out report directory (process logs under {@code logs/})
 */
public record FaultSettings(
        List<FaultScenario> scenarios,
        int repeat,
        int rate,
        int partitions,
        int recordSize,
        int from,
        int to,
        Duration steadyBefore,
        Duration after,
        Duration recoveryTimeout,
        Duration warmupTimeout,
        Duration drainTimeout,
        long slowDelayMicros,
        String classpath,
        Path out) {
    public FaultSettings {
        scenarios = List.copyOf(scenarios);
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(out, "out");
        if (repeat < 1 || rate < 1 || partitions < 1 || from < 1 || to < 1 || from == to || to > partitions) {
            throw new IllegalArgumentException(
                    "repeat, rate, partitions, from, to must be >= 1, from != to, " + "to <= partitions");
        }
    }

    /** The classpath of this JVM (in a failsafe fork: its manifest-only booter jar, which works for children too). */
    public static String ownClasspath() {
        return System.getProperty("fault.classpath", System.getProperty("java.class.path"));
    }

    /**
     * The short form of CI, as the command line it is: 1 run per scenario, 1,000 msg/s into 6
     * partitions, a walk from 1 to 2 workers (fewer JVMs), 2 s steady before the fault, 1 s after
     * recovery; bounds generous enough for a loaded 2-core machine (where a worker JVM can take up
     * to 40 s to start).
     */
    public static FaultSettings ci(List<FaultScenario> scenarios, Path out) {
        String labels =
                String.join(",", scenarios.stream().map(FaultScenario::label).toList());
        return FaultOptions.parse(
                new String[] {
                    "--scenarios=" + labels,
                    "--repeat=1",
                    "--rate=1000",
                    "--partitions=6",
                    "--record-size=100",
                    "--from=1",
                    "--to=2",
                    "--steady-before=2",
                    "--after=1",
                    "--recovery-timeout=150",
                    "--warmup-timeout=120",
                    "--drain-timeout=60",
                    "--out=" + out
                },
                Instant.now());
    }

    /**
     * The slow processor's delay per record: {@code from} workers together sustain 80 % of
     * {@code rate} (the backlog grows by a fifth of the input), {@code to > from} workers catch up.
     */
    public static long slowDelay(int rate, int from) {
        return Math.round(1e6 * from / (0.8 * rate));
    }
}
