package io.shadowscale.bench.sim;

import io.shadowscale.testkit.cli.Above;
import io.shadowscale.testkit.cli.AtLeast;
import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.OptionChecks;
import io.shadowscale.testkit.cli.Within;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code bench simulate}, parsed by picocli (see {@link BenchCli}): one field per
 * option with its doc and range; the defaults of the simulation's settings come from
 * {@link SimConfig#DEFAULTS} (through {@link Defaults}), so that the help and the code cannot disagree.
 */
@Command(
        name = "simulate",
        customSynopsis = "./shadowscale bench simulate [OPTIONS]",
        description = "Runs each trace through Shadowscale's policy, KEDA's lag scaler with the HPA, "
                + "static peak sizing and the oracle.",
        defaultValueProvider = SimulateOptions.Defaults.class)
final class SimulateOptions implements BenchCli.Options {
    @Option(
            names = "--trace",
            defaultValue = "all",
            description = "weekday | weekend | week | samples | all | a sample name | a CSV file "
                    + "(time_seconds,msgs_per_s); comma-separated")
    String trace;

    @Within(min = 0, max = 28)
    @Option(
            names = "--history-days",
            defaultValue = "0",
            description = "days run before the measured trace, so a forecast learns from them "
                    + "(see docs/benchmarks/simulator.md)")
    int historyDays;

    @Option(
            names = "--forecast",
            arity = "1",
            showDefaultValue = Visibility.ALWAYS,
            description = "Shadowscale's forecast setting (it acts once a day has been observed): true or false")
    boolean forecast;

    @Above(0)
    @Option(
            names = "--peak",
            defaultValue = "120000",
            description = "peak of the built-in weekday, records/s (weekend: 60%% of it)")
    double peak;

    @Option(names = "--seed", description = "seed of the built-in days' noise and bursts")
    long seed;

    @Option(names = "--out", defaultValue = "reports/simulate", description = "output directory")
    Path out;

    @Above(0)
    @Option(names = "--capacity", description = "records/s per worker (PROVISIONAL until the load harness measures it)")
    double capacity;

    @Option(
            names = "--learn",
            arity = "0..1",
            defaultValue = "false",
            fallbackValue = "true",
            showDefaultValue = Visibility.ALWAYS,
            description = "the policy learns capacity instead of being told it (--learn alone: true)")
    boolean learn;

    @AtLeast(1)
    @Option(names = "--partitions", description = "partitions of the topics")
    int partitions;

    @AtLeast(1)
    @Option(names = "--min", description = "fewest workers (all strategies)")
    int min;

    @AtLeast(0)
    @Option(names = "--headroom", description = "headroom fraction (Shadowscale, static)")
    double headroom;

    @AtLeast(1)
    @Option(names = "--lag-target", description = "lag target, s")
    int lagTarget;

    @AtLeast(0)
    @Option(names = "--up-delay", description = "Shadowscale scale-up delay, s")
    int upDelay;

    @AtLeast(0)
    @Option(names = "--down-delay", description = "Shadowscale scale-down delay, s")
    int downDelay;

    @AtLeast(1)
    @Option(names = "--decide-every", description = "Shadowscale measurement interval, s")
    int decideEvery;

    @AtLeast(0)
    @Option(names = "--warmup", description = "KEDA: a new pod's start until it joins the group, s")
    int warmup;

    @AtLeast(0)
    @Option(
            names = "--walk-warmup",
            description = "Shadowscale: Warm until the new slot is ready, ms (measured: 10.3-10.6 s with 5 s "
                    + "heartbeats, 1.7-2.2 s with 500 ms)")
    long walkWarmup;

    @AtLeast(0)
    @Option(names = "--fence", description = "Shadowscale: Fence until stop offsets are answered, ms")
    long fence;

    @AtLeast(0)
    @Option(names = "--barrier", description = "Shadowscale: barrier until the new slot is active, ms")
    long barrier;

    @AtLeast(0)
    @Option(names = "--drain", description = "Shadowscale: Drain until the old slot answered, ms")
    long drain;

    @AtLeast(0)
    @Option(names = "--commit-interval", description = "offset commit interval, s")
    double commitInterval;

    @AtLeast(1)
    @Option(names = "--keda-lag-threshold", description = "KEDA lagThreshold (KEDA's default: 10)")
    long kedaLagThreshold;

    @Option(
            names = "--keda-tuned-lag-threshold",
            defaultValue = "auto",
            description = "a second KEDA run's lagThreshold; auto = capacity x commit-interval / 2; 0 = none")
    String kedaTunedLagThreshold;

    @AtLeast(0)
    @Option(names = "--rebalance-stall", description = "KEDA: idle time of moved partitions per rebalance, s")
    double rebalanceStall;

    @Option(names = "--keda-max", description = "KEDA maxReplicaCount")
    int kedaMax;

    /**
     * Parses {@code --name value} / {@code --name=value} arguments.
     *
     * @throws IllegalArgumentException naming every problem, one per line
     */
    static SimulateOptions parse(String... args) {
        return BenchCli.parse(new SimulateOptions(), args);
    }

    @Override
    public void check(OptionChecks c) {
        c.expect(
                        "--keda-tuned-lag-threshold",
                        kedaTunedLagThreshold.equals("auto") || kedaTunedLagThreshold.matches("[0-9]{1,18}"),
                        "auto or a whole number >= 0",
                        "'" + kedaTunedLagThreshold + "'")
                .relation(kedaMax >= min, "--keda-max=" + kedaMax + " is below --min=" + min);
    }

    /** The simulation's settings. */
    SimConfig config() {
        return new SimConfig(
                capacity,
                learn,
                partitions,
                min,
                headroom,
                lagTarget,
                upDelay,
                downDelay,
                decideEvery,
                warmup,
                new WalkTimes(walkWarmup, fence, barrier, drain),
                commitInterval,
                kedaLagThreshold,
                kedaTunedLagThreshold.equals("auto")
                        ? SimConfig.tunedThreshold(capacity, commitInterval)
                        : Long.parseLong(kedaTunedLagThreshold),
                rebalanceStall,
                SimConfig.HPA_SYNC_SECONDS,
                kedaMax,
                seed,
                forecast);
    }

    /** The defaults of the options that set a {@link SimConfig} field: those of {@link SimConfig#DEFAULTS}. */
    static final class Defaults implements IDefaultValueProvider {
        private static final Map<String, String> VALUES = values(SimConfig.DEFAULTS);

        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec o ? VALUES.get(o.longestName()) : null;
        }

        private static Map<String, String> values(SimConfig d) {
            return Map.ofEntries(
                    Map.entry("--forecast", String.valueOf(d.forecast())),
                    Map.entry("--seed", String.valueOf(d.seed())),
                    Map.entry("--capacity", String.valueOf((long) d.workerCapacity())),
                    Map.entry("--partitions", String.valueOf(d.partitions())),
                    Map.entry("--min", String.valueOf(d.minReplicas())),
                    Map.entry("--headroom", String.valueOf(d.headroom())),
                    Map.entry("--lag-target", String.valueOf(d.lagTargetSeconds())),
                    Map.entry("--up-delay", String.valueOf(d.scaleUpDelaySeconds())),
                    Map.entry("--down-delay", String.valueOf(d.scaleDownDelaySeconds())),
                    Map.entry("--decide-every", String.valueOf(d.decideEverySeconds())),
                    Map.entry("--warmup", String.valueOf(d.warmupSeconds())),
                    Map.entry("--walk-warmup", String.valueOf(d.walk().warmupMillis())),
                    Map.entry("--fence", String.valueOf(d.walk().fenceMillis())),
                    Map.entry("--barrier", String.valueOf(d.walk().barrierMillis())),
                    Map.entry("--drain", String.valueOf(d.walk().drainMillis())),
                    Map.entry("--commit-interval", String.valueOf(d.commitIntervalSeconds())),
                    Map.entry("--keda-lag-threshold", String.valueOf(d.kedaLagThreshold())),
                    Map.entry("--rebalance-stall", String.valueOf(d.rebalanceStallSeconds())),
                    Map.entry("--keda-max", String.valueOf(d.hpaMaxReplicas())));
        }
    }
}
