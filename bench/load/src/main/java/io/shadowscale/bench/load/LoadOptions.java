package io.shadowscale.bench.load;

import io.shadowscale.testkit.cli.Above;
import io.shadowscale.testkit.cli.AtLeast;
import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.OneOf;
import io.shadowscale.testkit.cli.OptionChecks;
import io.shadowscale.testkit.cli.SharedOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of {@code bench load}, parsed by picocli (see {@link BenchCli}): each field is one
 * option with its default, one line of doc and its range; {@link #check} holds what depends on the
 * scenario registry and the checks that relate options. An option is added as a field here and a
 * component of {@link LoadSettings}.
 */
@Command(
        name = "load",
        customSynopsis = "./shadowscale bench load <scenario|compare|ceiling> [OPTIONS]",
        description = "Runs one scenario, the scenarios back to back (compare) or the ceiling search.")
public final class LoadOptions implements BenchCli.Options {
    private static final String WHAT = "<scenario|compare|ceiling>";

    private final ScenarioRegistry registry;

    @Parameters(
            index = "0",
            paramLabel = WHAT,
            description = "a scenario (one run), compare (the --scenarios back to back) or ceiling")
    String what;

    @Mixin
    SharedOptions.Rate rate = new SharedOptions.Rate(5000);

    @AtLeast(1)
    @Option(names = "--duration", defaultValue = "30", description = "seconds of production per scenario")
    int duration;

    @Mixin
    SharedOptions.RecordSize recordSize = new SharedOptions.RecordSize(200);

    @AtLeast(1)
    @Option(names = "--partitions", defaultValue = "12", description = "partitions of each scenario's fresh topic")
    int partitions;

    @AtLeast(0)
    @Option(names = "--cost-us", defaultValue = "5", description = "busy-spin processing cost per record, microseconds")
    int costMicros;

    @AtLeast(1)
    @Option(
            names = "--members",
            defaultValue = "2",
            description = "consumer members at the start (and in ceiling probes)")
    int members;

    @AtLeast(1)
    @Option(names = "--scale-to", defaultValue = "4", description = "members after the scale-up event")
    int scaleTo;

    @AtLeast(1)
    @Option(
            names = "--scale-up-at",
            defaultValue = "10",
            description = "second of the scale-up event (members -> scale-to)")
    int scaleUpAt;

    @AtLeast(1)
    @Option(
            names = "--scale-down-at",
            defaultValue = "20",
            description = "second of the scale-down event (scale-to -> members)")
    int scaleDownAt;

    @AtLeast(1)
    @Option(
            names = "--producer-threads",
            defaultValue = "1",
            description = "sender threads sharing one idempotent producer")
    int producerThreads;

    @OneOf({"all", "1"})
    @Option(names = "--acks", defaultValue = "all", description = "producer acks: all or 1")
    String acks;

    @Mixin
    SharedOptions.DrainTimeout drainTimeout = new SharedOptions.DrainTimeout(30);

    @AtLeast(1)
    @Option(
            names = "--event-window",
            defaultValue = "15",
            description = "seconds after each scale event counted as its window (2 s before)")
    int eventWindow;

    @AtLeast(0)
    @Option(
            names = "--warmup",
            defaultValue = "20",
            description = "seconds of unreported traffic at --rate before compare and ceiling (JIT, broker)")
    int warmup;

    @AtLeast(1)
    @Option(
            names = "--fetch-min-bytes",
            defaultValue = "1",
            description = "fetch.min.bytes of every scenario's consumers")
    int fetchMinBytes;

    @AtLeast(0)
    @Option(
            names = "--fetch-max-wait-ms",
            defaultValue = "500",
            description = "fetch.max.wait.ms of every scenario's consumers")
    int fetchMaxWaitMs;

    @Option(
            names = "--scenarios",
            split = ",",
            defaultValue = "steady,eager,cooperative,consumer,share,cutover",
            description = "comma-separated scenarios for compare")
    List<String> scenarios;

    @AtLeast(0)
    @Option(
            names = "--walks",
            defaultValue = "0",
            description = "scale events, alternating up and down every --walk-every s from --scale-up-at"
                    + " (0: one up at --scale-up-at, one down at --scale-down-at)")
    int walks;

    @AtLeast(1)
    @Option(names = "--walk-every", defaultValue = "15", description = "seconds between two events with --walks")
    int walkEvery;

    @OneOf({"planned", "fence"})
    @Option(
            names = "--handoff",
            defaultValue = "planned",
            description = "how the Shadowscale pair hands over: planned or fence")
    String handoff;

    @OneOf({"java", "node"})
    @Option(
            names = "--processor",
            defaultValue = "java",
            description = "cutover's processor: java (in the worker) or node (a Node.js sidecar per worker)")
    String processor;

    @AtLeast(100)
    @Option(
            names = "--group-heartbeat-ms",
            defaultValue = "5000",
            description = "the broker's consumer-group heartbeat interval (KIP-848 groups; Kafka's default 5000)")
    int groupHeartbeatMs;

    @Mixin
    SharedOptions out;

    @AtLeast(1)
    @Option(names = "--probe-duration", defaultValue = "60", description = "seconds per ceiling probe")
    int probeDuration;

    @AtLeast(1)
    @Option(
            names = "--probe-start-rate",
            defaultValue = "20000",
            description = "first ceiling probe rate, doubled until it fails")
    int probeStartRate;

    @AtLeast(1)
    @Option(names = "--probe-max", defaultValue = "8", description = "most ceiling probes")
    int probeMax;

    @Above(value = 0, below = 1)
    @Option(
            names = "--probe-precision",
            defaultValue = "0.05",
            description = "ceiling bisection stops when (fail-pass)/pass is below this")
    double probePrecision;

    LoadOptions(ScenarioRegistry registry) {
        this.registry = registry;
    }

    /**
     * Parses {@code <what> --name value / --name=value ...}: the settings of the run.
     *
     * @throws IllegalArgumentException naming every problem, one per line
     */
    static LoadSettings parseArgs(String... args) {
        return BenchCli.parse(new LoadOptions(ScenarioRegistry.defaults()), args)
                .settings(Instant.now());
    }

    /** The settings of {@code compare} with these option values, by name without the dashes. */
    public static LoadSettings parse(Map<String, String> values) {
        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(BenchCli.arguments(values));
        return parseArgs(args.toArray(String[]::new));
    }

    @Override
    public void check(OptionChecks c) {
        c.require(
                        WHAT,
                        what.equals("compare")
                                || what.equals("ceiling")
                                || registry.find(what).isPresent(),
                        "unknown load command '" + what + "': expected a scenario, compare or ceiling")
                .allOf("--scenarios", trimmed(), registry.names())
                .relation(
                        walks > 0 || (scaleUpAt < scaleDownAt && scaleDownAt < duration),
                        "--scale-up-at=" + scaleUpAt + ", --scale-down-at=" + scaleDownAt + ", --duration=" + duration
                                + " are invalid: expected scale-up-at < scale-down-at < duration")
                .relation(
                        walks == 0 || scaleUpAt + (walks - 1) * walkEvery < duration,
                        "--walks=" + walks + " every " + walkEvery + " s from --scale-up-at=" + scaleUpAt
                                + " do not fit in --duration=" + duration + ": the last is at "
                                + (scaleUpAt + (walks - 1) * walkEvery) + " s")
                .relation(
                        !processor.equals("node") || plainScenarios().isEmpty(),
                        "--processor=node applies to the cutover scenario only (its workers get Node.js sidecars); "
                                + String.join(",", plainScenarios())
                                + " run plain Kafka consumers: use --scenarios cutover");
    }

    /** The scenarios of this run other than cutover (they run plain Kafka consumers). */
    private List<String> plainScenarios() {
        List<String> names = registry.find(what).isPresent() ? List.of(what) : trimmed();
        return names.stream().filter(n -> !n.equals(ScenarioRegistry.CUTOVER)).toList();
    }

    @Override
    public void describe(UsageMessageSpec usage) {
        Map<String, String> what = new LinkedHashMap<>();
        for (ScenarioRegistry.Entry e : registry.entries()) {
            what.put(e.name(), e.description() + (e.available() ? "" : " [" + e.unavailableReason() + "]"));
        }
        what.put("compare", "the --scenarios back to back, same events, side-by-side report");
        what.put("ceiling", "highest sustained rate per pipeline (bracket + bisection)");
        BenchCli.addList(usage, "What to run", what);
    }

    /** What to run: a scenario's name, {@code compare} or {@code ceiling}. */
    String what() {
        return what;
    }

    /**
     * The settings of a run that starts at {@code now} (the {@code <timestamp>} of {@code --out});
     * the one scenario to run when {@link #what} names one, else the {@code --scenarios}.
     */
    LoadSettings settings(Instant now) {
        List<String> names = registry.find(what).isPresent() ? List.of(what) : trimmed();
        return new LoadSettings(
                rate.perSecond(),
                duration,
                recordSize.bytes(),
                partitions,
                costMicros,
                members,
                scaleTo,
                scaleUpAt,
                scaleDownAt,
                producerThreads,
                acks,
                drainTimeout.seconds(),
                names,
                out.reportDirectory("load", now),
                probeDuration,
                probeStartRate,
                probeMax,
                probePrecision,
                eventWindow,
                warmup,
                fetchMinBytes,
                fetchMaxWaitMs,
                walks,
                walkEvery,
                handoff,
                groupHeartbeatMs,
                processor);
    }

    private List<String> trimmed() {
        return scenarios.stream().map(String::trim).toList();
    }
}
