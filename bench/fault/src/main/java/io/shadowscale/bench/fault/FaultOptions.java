package io.shadowscale.bench.fault;

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
 * option with its default and doc, the ranges in {@link #check}. Every bad option is reported at once.
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

    @Option(names = "--repeat", defaultValue = "3", description = "runs of each scenario")
    int repeat;

    @Option(names = "--rate", defaultValue = "2000", description = SharedOptions.RATE)
    int rate;

    @Option(
            names = "--partitions",
            defaultValue = "6",
            description = "partitions of each run's input and output topics")
    int partitions;

    @Option(names = "--record-size", defaultValue = "100", description = SharedOptions.RECORD_SIZE)
    int recordSize;

    @Option(names = "--from", defaultValue = "2", description = "blue workers before the walk")
    int from;

    @Option(names = "--to", defaultValue = "3", description = "green workers after the walk")
    int to;

    @Option(
            names = "--steady-before",
            defaultValue = "5",
            description = "seconds of steady processing before the fault")
    int steadyBefore;

    @Option(names = "--after", defaultValue = "3", description = "seconds of production after recovery")
    int after;

    @Option(
            names = "--recovery-timeout",
            defaultValue = "180",
            description = "longest wait (s) for steady again and caught up")
    int recoveryTimeout;

    @Option(
            names = "--warmup-timeout",
            defaultValue = "150",
            description = "the pair's warmupTimeoutSeconds (a walk rolls back after it)")
    int warmupTimeout;

    @Option(names = "--drain-timeout", defaultValue = "30", description = SharedOptions.DRAIN_TIMEOUT)
    int drainTimeout;

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
        FaultOptions options = new FaultOptions();
        BenchCli.parse(options, args);
        return options.settings(now);
    }

    @Override
    public void check(OptionChecks c) {
        c.require(
                        all()
                                || trimmed().stream()
                                        .allMatch(l -> FaultScenario.byLabel(l).isPresent()),
                        "Invalid value for option '--scenarios': expected all or labels from " + LABELS + " but was '"
                                + String.join(",", scenarios) + "'")
                .atLeast("--repeat", repeat, 1)
                .atLeast("--rate", rate, 1)
                .atLeast("--partitions", partitions, 1)
                .atLeast("--record-size", recordSize, 16)
                .atLeast("--from", from, 1)
                .atLeast("--to", to, 1)
                .atLeast("--steady-before", steadyBefore, 0)
                .atLeast("--after", after, 0)
                .atLeast("--recovery-timeout", recoveryTimeout, 1)
                .atLeast("--warmup-timeout", warmupTimeout, 1)
                .atLeast("--drain-timeout", drainTimeout, 1)
                .atLeast("--slow-delay-us", slowDelayMicros, 0)
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
        long delay = slowDelayMicros > 0 ? slowDelayMicros : FaultSettings.slowDelay(rate, from);
        return new FaultSettings(
                all()
                        ? List.of(FaultScenario.values())
                        : trimmed().stream()
                                .map(FaultScenario::byLabel)
                                .map(Optional::orElseThrow)
                                .toList(),
                repeat,
                rate,
                partitions,
                recordSize,
                from,
                to,
                Duration.ofSeconds(steadyBefore),
                Duration.ofSeconds(after),
                Duration.ofSeconds(recoveryTimeout),
                Duration.ofSeconds(warmupTimeout),
                Duration.ofSeconds(drainTimeout),
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
