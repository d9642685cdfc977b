package io.shadowscale.bench.scalerload;

import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.OptionChecks;
import io.shadowscale.testkit.cli.SharedOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code bench scaler-load}, parsed by picocli (see {@link BenchCli}): one field per
 * option with its default and doc, the ranges in {@link #check}. Every bad option is reported at once.
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
    private static final List<String> TOPICS = List.of(ScalerLoadSettings.PER_PAIR, ScalerLoadSettings.SHARED);

    @Option(
            names = "--pairs",
            split = ",",
            defaultValue = "1000",
            description = "pair counts to run, comma-separated (2 ScaledObjects each)")
    List<Integer> pairs;

    @Option(
            names = "--partitions",
            split = ",",
            defaultValue = "12",
            description = "partitions per topic to run, comma-separated")
    List<Integer> partitions;

    @Option(
            names = "--topics",
            defaultValue = ScalerLoadSettings.PER_PAIR,
            description =
                    "per-pair: each pair its own topic (one consumer app per topic); shared: --shared-topics topics")
    String topics;

    @Option(
            names = "--shared-topics",
            defaultValue = "20",
            description = "topics in shared mode (pair i reads topic i mod n)")
    int sharedTopics;

    @Option(
            names = "--duration",
            defaultValue = "60",
            description = "measured seconds per point, once every pair is STEADY")
    int duration;

    @Option(
            names = "--settle-timeout",
            defaultValue = "180",
            description = "longest wait for every pair to be STEADY, seconds")
    int settleTimeout;

    @Option(
            names = "--polling-interval",
            defaultValue = "30",
            description = "KEDA pollingInterval, seconds (IsActive + GetMetrics)")
    int pollingInterval;

    @Option(
            names = "--hpa-interval",
            defaultValue = "15",
            description = "HPA sync period for active ScaledObjects, seconds; 0 = off")
    int hpaInterval;

    @Option(names = "--client-threads", defaultValue = "16", description = "KEDA stand-in's blocking callers")
    int clientThreads;

    @Option(
            names = "--streams",
            arity = "1",
            defaultValue = "false",
            showDefaultValue = Visibility.ALWAYS,
            description = "one StreamIsActive per ScaledObject (external-push): true or false")
    boolean streams;

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
        ScalerLoadOptions options = new ScalerLoadOptions();
        BenchCli.parse(options, args);
        return options.settings(Instant.now());
    }

    /** The settings with these option values, by name without the dashes. */
    public static ScalerLoadSettings parse(Map<String, String> values) {
        List<String> args = new ArrayList<>();
        values.forEach((name, value) -> args.add("--" + name + "=" + value));
        return parseArgs(args.toArray(String[]::new));
    }

    @Override
    public void check(OptionChecks c) {
        c.eachWithin("--pairs", pairs, 1, 5000)
                .eachWithin("--partitions", partitions, 1, 1000)
                .oneOf("--topics", topics, TOPICS)
                .within("--shared-topics", sharedTopics, 1, 10_000)
                .within("--duration", duration, 1, 3600)
                .within("--settle-timeout", settleTimeout, 1, 3600)
                .within("--polling-interval", pollingInterval, 1, 3600)
                .within("--hpa-interval", hpaInterval, 0, 3600)
                .within("--client-threads", clientThreads, 1, 1024)
                .within("--rpc-deadline", rpcDeadline, 1, 300);
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
