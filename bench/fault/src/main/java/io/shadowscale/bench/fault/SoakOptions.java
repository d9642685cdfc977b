package io.shadowscale.bench.fault;

import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.OptionChecks;
import io.shadowscale.testkit.cli.SharedOptions;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code bench soak}, parsed by picocli (see {@link BenchCli}): one field per option
 * with its default and doc, the ranges in {@link #check}. Every bad option is reported at once.
 */
@Command(
        name = "soak",
        customSynopsis = "./shadowscale bench soak [OPTIONS]",
        description = "A long run at a steady rate with a walk every --walk-every seconds, up and down between "
                + "--from and --to workers; resources of every process sampled throughout, then drain and audit.")
final class SoakOptions implements BenchCli.Options {
    @Option(names = "--duration", defaultValue = "30", description = "minutes of production")
    int duration;

    @Option(names = "--rate", defaultValue = "120000", description = SharedOptions.RATE)
    int rate;

    @Option(names = "--walk-every", defaultValue = "120", description = "seconds from one walk's start to the next")
    int walkEvery;

    @Option(names = "--from", defaultValue = "2", description = "blue workers (before the first walk)")
    int from;

    @Option(names = "--to", defaultValue = "3", description = "green workers (after the first walk)")
    int to;

    @Option(names = "--partitions", defaultValue = "6", description = "partitions of the input and output topics")
    int partitions;

    @Option(names = "--record-size", defaultValue = "100", description = SharedOptions.RECORD_SIZE)
    int recordSize;

    @Option(names = "--sample-every", defaultValue = "5", description = "seconds between two resource samples")
    int sampleEvery;

    @Option(
            names = "--warmup-timeout",
            defaultValue = "90",
            description = "the pair's warmupTimeoutSeconds (a walk rolls back after it)")
    int warmupTimeout;

    @Option(names = "--drain-timeout", defaultValue = "120", description = SharedOptions.DRAIN_TIMEOUT)
    int drainTimeout;

    @Mixin
    SharedOptions out;

    /**
     * Parses {@code --name value} / {@code --name=value} for a run that starts at {@code now}.
     *
     * @throws IllegalArgumentException naming every problem, one per line
     */
    static SoakSettings parse(String[] args, Instant now) {
        SoakOptions options = new SoakOptions();
        BenchCli.parse(options, args);
        return options.settings(now);
    }

    @Override
    public void check(OptionChecks c) {
        c.atLeast("--duration", duration, 1)
                .atLeast("--rate", rate, 1)
                .atLeast("--walk-every", walkEvery, 10)
                .atLeast("--from", from, 1)
                .atLeast("--to", to, 1)
                .atLeast("--partitions", partitions, 1)
                .atLeast("--record-size", recordSize, 16)
                .within("--sample-every", sampleEvery, 1, 60)
                .atLeast("--warmup-timeout", warmupTimeout, 1)
                .atLeast("--drain-timeout", drainTimeout, 1)
                .relation(from != to, "--from and --to are both " + from + ": expected different sizes")
                .relation(
                        Math.max(from, to) <= partitions,
                        "--from=" + from + " and --to=" + to + ": expected at most --partitions=" + partitions
                                + " workers")
                .relation(
                        walkEvery < duration * 60,
                        "--walk-every=" + walkEvery + " s is not shorter than --duration=" + duration
                                + " min: expected at least one walk");
    }

    SoakSettings settings(Instant now) {
        return new SoakSettings(
                new SoakSettings.Load(rate, partitions, recordSize),
                new SoakSettings.Walks(from, to, Duration.ofSeconds(walkEvery), Duration.ofSeconds(warmupTimeout)),
                Duration.ofMinutes(duration),
                Duration.ofSeconds(sampleEvery),
                Duration.ofSeconds(drainTimeout),
                FaultSettings.ownClasspath(),
                out.reportDirectory("soak", now));
    }
}
