package io.shadowscale.bench.scalerload;

import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.OneOf;
import io.shadowscale.testkit.cli.SharedOptions;
import io.shadowscale.testkit.cli.Within;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code bench scaler-load}, parsed by picocli (see {@link BenchCli}): one field per
 * option with its default, doc and range. Every bad option is reported at once.
 */
@Command(
        name = "scaler-load",
        customSynopsis = "./shadowscale bench scaler-load [OPTIONS]",
        description = {
            "One real scaler (controller, Kafka Admin, gRPC over loopback) serving --pairs pairs polled at",
            "KEDA's cadence; a sweep when --pairs/--partitions list several values, e.g.",
            "  bench scaler-load --pairs 100,300,1000 --partitions 12,48 --topics shared"
        })
public final class ScalerLoadOptions implements BenchCli.Options {
    @Within(min = 1, max = 5000)
    @Option(
            names = "--pairs",
            split = ",",
            defaultValue = "1000",
            description = "pair counts to run, comma-separated (2 ScaledObjects each)")
    List<Integer> pairs;

    @Within(min = 1, max = 1000)
    @Option(
            names = "--partitions",
            split = ",",
            defaultValue = "12",
            description = "partitions per topic to run, comma-separated")
    List<Integer> partitions;

    @OneOf({ScalerLoadSettings.PER_PAIR, ScalerLoadSettings.SHARED})
    @Option(
            names = "--topics",
            defaultValue = ScalerLoadSettings.PER_PAIR,
            description =
                    "per-pair: each pair its own topic (one consumer app per topic); shared: --shared-topics topics")
    String topics;

    @Within(min = 1, max = 10_000)
    @Option(
            names = "--shared-topics",
            defaultValue = "20",
            description = "topics in shared mode (pair i reads topic i mod n)")
    int sharedTopics;

    @Within(min = 1, max = 3600)
    @Option(
            names = "--duration",
            defaultValue = "60",
            description = "measured seconds per point, once every pair is STEADY")
    int duration;

    @Within(min = 1, max = 3600)
    @Option(
            names = "--settle-timeout",
            defaultValue = "180",
            description = "longest wait for every pair to be STEADY, seconds")
    int settleTimeout;

    @Within(min = 1, max = 3600)
    @Option(
            names = "--polling-interval",
            defaultValue = "30",
            description = "KEDA pollingInterval, seconds (IsActive + GetMetrics)")
    int pollingInterval;

    @Within(min = 0, max = 3600)
    @Option(
            names = "--hpa-interval",
            defaultValue = "15",
            description = "HPA sync period for active ScaledObjects, seconds; 0 = off")
    int hpaInterval;

    @Within(min = 1, max = 1024)
    @Option(names = "--client-threads", defaultValue = "16", description = "KEDA stand-in's blocking callers")
    int clientThreads;

    @Option(
            names = "--streams",
            arity = "1",
            defaultValue = "false",
            showDefaultValue = Visibility.ALWAYS,
            description = "one StreamIsActive per ScaledObject (external-push): true or false")
    boolean streams;

    @Within(min = 1, max = 300)
    @Option(names = "--rpc-deadline", defaultValue = "10", description = "deadline of each unary call, seconds")
    int rpcDeadline;

    @Mixin
    SharedOptions out;

    /**
     * Parses {@code --name value} / {@code --name=value} arguments.
     *
     * @throws IllegalArgumentException naming every problem, one per line
     */
    public static ScalerLoadSettings parseArgs(String... args) {
        return BenchCli.parse(new ScalerLoadOptions(), args).settings(Instant.now());
    }

    /** The settings with these option values, by name without the dashes. */
    public static ScalerLoadSettings parse(Map<String, String> values) {
        return parseArgs(BenchCli.arguments(values).toArray(String[]::new));
    }

    ScalerLoadSettings settings(Instant now) {
        return new ScalerLoadSettings(
                pairs,
                partitions,
                topics,
                sharedTopics,
                duration,
                settleTimeout,
                pollingInterval,
                hpaInterval,
                clientThreads,
                streams,
                rpcDeadline,
                out.reportDirectory("scaler-load", now));
    }
}
