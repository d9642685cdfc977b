package io.shadowscale.bench.fault;

import io.shadowscale.testkit.cli.AtLeast;
import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.OptionChecks;
import io.shadowscale.testkit.cli.SharedOptions;
import io.shadowscale.testkit.cli.Within;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code bench soak}, parsed by picocli (see {@link BenchCli}): one field per option
 * with its default, doc and range; {@link #check} holds the checks that relate options. Every bad
 * option is reported at once.
 */
@Command(
        name = "soak",
        customSynopsis = "./shadowscale bench soak [OPTIONS]",
        description = "A long run at a steady rate with a walk every --walk-every seconds, up and down between "
                + "--from and --to workers; resources of every process sampled throughout, then drain and audit.")
final class SoakOptions implements BenchCli.Options {
    @AtLeast(1)
    @Option(names = "--duration", defaultValue = "30", description = "minutes of production")
    int duration;

    @Mixin
    SharedOptions.Rate rate = new SharedOptions.Rate(120_000);

    @AtLeast(10)
    @Option(names = "--walk-every", defaultValue = "120", description = "seconds from one walk's start to the next")
    int walkEvery;

    @AtLeast(1)
    @Option(names = "--from", defaultValue = "2", description = "blue workers (before the first walk)")
    int from;

    @AtLeast(1)
    @Option(names = "--to", defaultValue = "3", description = "green workers (after the first walk)")
    int to;

    @AtLeast(1)
    @Option(names = "--partitions", defaultValue = "6", description = "partitions of the input and output topics")
    int partitions;

    @Mixin
    SharedOptions.RecordSize recordSize = new SharedOptions.RecordSize(100);

    @Within(min = 1, max = 60)
    @Option(names = "--sample-every", defaultValue = "5", description = "seconds between two resource samples")
    int sampleEvery;

    @Mixin
    WarmupTimeout warmupTimeout = new WarmupTimeout(90);

    @Mixin
    SharedOptions.DrainTimeout drainTimeout = new SharedOptions.DrainTimeout(120);

    @Mixin
    SharedOptions out;

    /**
     * Parses {@code --name value} / {@code --name=value} for a run that starts at {@code now}.
     *
     * @throws IllegalArgumentException naming every problem, one per line
     */
    static SoakSettings parse(String[] args, Instant now) {
        return BenchCli.parse(new SoakOptions(), args).settings(now);
    }

    @Override
    public void check(OptionChecks c) {
        c.relation(from != to, "--from and --to are both " + from + ": expected different sizes")
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
                new SoakSettings.Load(rate.perSecond(), partitions, recordSize.bytes()),
                new SoakSettings.Walks(from, to, Duration.ofSeconds(walkEvery), warmupTimeout.duration()),
                Duration.ofMinutes(duration),
                Duration.ofSeconds(sampleEvery),
                Duration.ofSeconds(drainTimeout.seconds()),
                FaultSettings.ownClasspath(),
                out.reportDirectory("soak", now));
    }
}
