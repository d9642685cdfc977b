package io.shadowscale.bench.scalerload;

import static io.shadowscale.testkit.cli.OptionTable.choiceOption;
import static io.shadowscale.testkit.cli.OptionTable.intOption;

import io.shadowscale.testkit.cli.CommandLine;
import io.shadowscale.testkit.cli.OptionTable;
import io.shadowscale.testkit.cli.OptionTable.Option;
import io.shadowscale.testkit.cli.SharedOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The declared options of {@code bench scaler-load}: name, default, parser, validator with the
 * allowed values in words, one line of doc. Every bad option is reported at once.
 */
public final class ScalerLoadOptions {
    private static final OptionTable OPTIONS = new OptionTable();

    static {
        add(intList("pairs", "1000", "pair counts to run, comma-separated (2 ScaledObjects each)", 1, 5000));
        add(intList("partitions", "12", "partitions per topic to run, comma-separated", 1, 1000));
        add(choiceOption(
                "topics",
                ScalerLoadSettings.PER_PAIR,
                "per-pair: each pair its own topic (one consumer app per topic); shared: --shared-topics topics",
                ScalerLoadSettings.PER_PAIR,
                ScalerLoadSettings.SHARED));
        add(intOption("shared-topics", "20", "topics in shared mode (pair i reads topic i mod n)", 1, 10_000));
        add(intOption("duration", "60", "measured seconds per point, once every pair is STEADY", 1, 3600));
        add(intOption("settle-timeout", "180", "longest wait for every pair to be STEADY, seconds", 1, 3600));
        add(intOption("polling-interval", "30", "KEDA pollingInterval, seconds (IsActive + GetMetrics)", 1, 3600));
        add(intOption("hpa-interval", "15", "HPA sync period for active ScaledObjects, seconds; 0 = off", 0, 3600));
        add(intOption("client-threads", "16", "KEDA stand-in's blocking callers", 1, 1024));
        add(choiceOption("streams", "false", "one StreamIsActive per ScaledObject (external-push)", "true", "false"));
        add(intOption("rpc-deadline", "10", "deadline of each unary call, seconds", 1, 300));
        add(SharedOptions.out("scaler-load"));
    }

    private ScalerLoadOptions() {}

    private static void add(Option<?> o) {
        OPTIONS.add(o);
    }

    private static Option<List<Integer>> intList(String name, String def, String doc, int min, int max) {
        return new Option<>(
                name,
                def,
                doc,
                s -> Arrays.stream(s.split(","))
                        .map(String::trim)
                        .map(Integer::parseInt)
                        .toList(),
                l -> !l.isEmpty() && l.stream().allMatch(v -> v >= min && v <= max),
                "comma-separated whole numbers in [" + min + ", " + max + "]");
    }

    /** Parses {@code --name value} / {@code --name=value} arguments. */
    public static ScalerLoadSettings parseArgs(String[] args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = CommandLine.values(args, problems);
        return parse(values, problems);
    }

    /** Builds settings from option values; every problem is reported in one exception. */
    public static ScalerLoadSettings parse(Map<String, String> values) {
        return parse(values, new ArrayList<>());
    }

    @SuppressWarnings("unchecked")
    private static ScalerLoadSettings parse(Map<String, String> values, List<String> problems) {
        Map<String, Object> parsed = OPTIONS.parse(values, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bad options: " + String.join("; ", problems));
        }
        Path outDir = SharedOptions.reportDirectory((String) parsed.get("out"), "scaler-load", Instant.now());
        return new ScalerLoadSettings(
                (List<Integer>) parsed.get("pairs"),
                (List<Integer>) parsed.get("partitions"),
                (String) parsed.get("topics"),
                (Integer) parsed.get("shared-topics"),
                (Integer) parsed.get("duration"),
                (Integer) parsed.get("settle-timeout"),
                (Integer) parsed.get("polling-interval"),
                (Integer) parsed.get("hpa-interval"),
                (Integer) parsed.get("client-threads"),
                Boolean.parseBoolean((String) parsed.get("streams")),
                (Integer) parsed.get("rpc-deadline"),
                outDir);
    }

    /** One line per option: name, doc, default and allowed values. */
    public static String help() {
        return OPTIONS.help();
    }
}
