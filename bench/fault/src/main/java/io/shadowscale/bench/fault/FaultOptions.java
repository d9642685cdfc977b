package io.shadowscale.bench.fault;

import io.shadowscale.testkit.cli.AtLeast;
import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.OptionChecks;
import io.shadowscale.testkit.cli.SharedOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code bench fault}, parsed by picocli (see {@link BenchCli}): one field per
 * option with its default, doc and range; {@link #check} holds the scenario labels and the checks
 * that relate options. Every bad option is reported at once.
 */
@Command(
        name = "fault",
        customSynopsis = "./shadowscale bench fault [OPTIONS]",
        description = "Every fault scenario, --repeat times, against one real broker.")
final class FaultOptions implements BenchCli.Options {
    private static final List<String> LABELS =
            Arrays.stream(FaultScenario.values()).map(FaultScenario::label).toList();

    @Option(names = "--scenarios", split = ",", defaultValue = "all", description = "comma-separated scenarios, or all")
    List<String> scenarios;

    @AtLeast(1)
    @Option(names = "--repeat", defaultValue = "3", description = "runs of each scenario")
    int repeat;

    @Mixin
    SharedOptions.Rate rate = new SharedOptions.Rate(2000);

    @AtLeast(1)
    @Option(
            names = "--partitions",
            defaultValue = "6",
            description = "partitions of each run's input and output topics")
    int partitions;

    @Mixin
    SharedOptions.RecordSize recordSize = new SharedOptions.RecordSize(100);

    @AtLeast(1)
    @Option(names = "--from", defaultValue = "2", description = "blue workers before the walk")
    int from;

    @AtLeast(1)
    @Option(names = "--to", defaultValue = "3", description = "green workers after the walk")
    int to;

    @AtLeast(0)
    @Option(
            names = "--steady-before",
            defaultValue = "5",
            description = "seconds of steady processing before the fault")
    int steadyBefore;

    @AtLeast(0)
    @Option(names = "--after", defaultValue = "3", description = "seconds of production after recovery")
    int after;

    @AtLeast(1)
    @Option(
            names = "--recovery-timeout",
            defaultValue = "180",
            description = "longest wait (s) for steady again and caught up")
    int recoveryTimeout;

    @Mixin
    WarmupTimeout warmupTimeout = new WarmupTimeout(150);

    @Mixin
    SharedOptions.DrainTimeout drainTimeout = new SharedOptions.DrainTimeout(30);

    @AtLeast(0)
    @Option(
            names = "--slow-delay-us",
            defaultValue = "0",
            description = "per-record delay of slow-processor; 0: from workers sustain 80 %% of the rate")
    int slowDelayMicros;

    @Mixin
    SharedOptions out;

    /**
     * Parses {@code --name value} / {@code --name=value} for a run that starts at {@code now}.
     *
     * @throws IllegalArgumentException naming every problem, one per line
     */
    static FaultSettings parse(String[] args, Instant now) {
        return BenchCli.parse(new FaultOptions(), args).settings(now);
    }

    @Override
    public void check(OptionChecks c) {
        c.expect(
                        "--scenarios",
                        all()
                                || trimmed().stream()
                                        .allMatch(l -> FaultScenario.byLabel(l).isPresent()),
                        "all or labels from " + LABELS,
                        "'" + String.join(",", scenarios) + "'")
                .relation(from != to, "--from and --to are both " + from + ": expected different sizes")
                .relation(to <= partitions, "--to=" + to + " is above --partitions=" + partitions);
    }

    @Override
    public void describe(UsageMessageSpec usage) {
        Map<String, String> scenarios = new LinkedHashMap<>();
        for (FaultScenario s : FaultScenario.values()) {
            scenarios.put(s.label(), s.description());
        }
        BenchCli.addList(usage, "Scenarios", scenarios);
    }

    FaultSettings settings(Instant now) {
        long delay = slowDelayMicros > 0 ? slowDelayMicros : FaultSettings.slowDelay(rate.perSecond(), from);
        return new FaultSettings(
                all()
                        ? List.of(FaultScenario.values())
                        : trimmed().stream()
                                .map(FaultScenario::byLabel)
                                .map(Optional::orElseThrow)
                                .toList(),
                repeat,
                rate.perSecond(),
                partitions,
                recordSize.bytes(),
                from,
                to,
                Duration.ofSeconds(steadyBefore),
                Duration.ofSeconds(after),
                Duration.ofSeconds(recoveryTimeout),
                warmupTimeout.duration(),
                Duration.ofSeconds(drainTimeout.seconds()),
                delay,
                FaultSettings.ownClasspath(),
                out.reportDirectory("fault", now));
    }

    private boolean all() {
        return trimmed().equals(List.of("all"));
    }

    private List<String> trimmed() {
        return new ArrayList<>(scenarios.stream().map(String::trim).toList());
    }
}
