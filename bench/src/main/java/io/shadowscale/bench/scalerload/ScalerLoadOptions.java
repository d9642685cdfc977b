package io.shadowscale.bench.scalerload;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.shadowscale.bench.CommandLine;

/**
 * The declared options of {@code bench scaler-load}: name, default, parser, validator with the
 * allowed values in words, one line of doc. Every bad option is reported at once.
 */
public final class ScalerLoadOptions {
    /** One option. */
    public record Option<T>(String name, String defaultValue, String doc, Function<String, T> parser,
                            Predicate<T> valid, String allowed) {
    }

    private static final Map<String, Option<?>> OPTIONS = new LinkedHashMap<>();

    static {
        add(intList("pairs", "1000", "pair counts to run, comma-separated (2 ScaledObjects each)", 1, 5000));
        add(intList("partitions", "12", "partitions per topic to run, comma-separated", 1, 1000));
        add(new Option<>("topics", ScalerLoadSettings.PER_PAIR,
                "per-pair: each pair its own topic (one consumer app per topic); shared: --shared-topics topics",
                s -> s, s -> s.equals(ScalerLoadSettings.PER_PAIR) || s.equals(ScalerLoadSettings.SHARED),
                "per-pair or shared"));
        add(intOption("shared-topics", "20", "topics in shared mode (pair i reads topic i mod n)", 1, 10_000));
        add(intOption("duration", "60", "measured seconds per point, once every pair is STEADY", 1, 3600));
        add(intOption("settle-timeout", "180", "longest wait for every pair to be STEADY, seconds", 1, 3600));
        add(intOption("polling-interval", "30", "KEDA pollingInterval, seconds (IsActive + GetMetrics)", 1, 3600));
        add(intOption("hpa-interval", "15", "HPA sync period for active ScaledObjects, seconds; 0 = off", 0, 3600));
        add(intOption("client-threads", "16", "KEDA stand-in's blocking callers", 1, 1024));
        add(new Option<>("streams", "false", "one StreamIsActive per ScaledObject (external-push)",
                s -> s, s -> s.equals("true") || s.equals("false"), "true or false"));
        add(intOption("rpc-deadline", "10", "deadline of each unary call, seconds", 1, 300));
        add(new Option<>("out", "", "report directory", s -> s, s -> true, "a path"));
    }

    private ScalerLoadOptions() {
    }

    private static void add(Option<?> o) {
        OPTIONS.put(o.name(), o);
    }

    private static Option<Integer> intOption(String name, String def, String doc, int min, int max) {
        return new Option<>(name, def, doc, Integer::parseInt, v -> v >= min && v <= max,
                "a whole number in [" + min + ", " + max + "]");
    }

    private static Option<List<Integer>> intList(String name, String def, String doc, int min, int max) {
        return new Option<>(name, def, doc,
                s -> Arrays.stream(s.split(",")).map(String::trim).map(Integer::parseInt).toList(),
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
        for (String name : values.keySet()) {
            if (!OPTIONS.containsKey(name)) {
                problems.add("--" + name + " is not an option (known: " + String.join(", ", OPTIONS.keySet()) + ")");
            }
        }
        Map<String, Object> parsed = new HashMap<>();
        for (Option<?> o : OPTIONS.values()) {
            String raw = values.getOrDefault(o.name(), o.defaultValue());
            Object v = check(o, raw);
            if (v == null) {
                problems.add("--" + o.name() + "='" + raw + "' is invalid: expected " + o.allowed());
            } else {
                parsed.put(o.name(), v);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bad options: " + String.join("; ", problems));
        }
        String out = (String) parsed.get("out");
        Path outDir = out.isEmpty()
                ? Path.of("reports", "scaler-load",
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                : Path.of(out);
        return new ScalerLoadSettings((List<Integer>) parsed.get("pairs"), (List<Integer>) parsed.get("partitions"),
                (String) parsed.get("topics"), (Integer) parsed.get("shared-topics"), (Integer) parsed.get("duration"),
                (Integer) parsed.get("settle-timeout"), (Integer) parsed.get("polling-interval"),
                (Integer) parsed.get("hpa-interval"), (Integer) parsed.get("client-threads"),
                Boolean.parseBoolean((String) parsed.get("streams")), (Integer) parsed.get("rpc-deadline"), outDir);
    }

    private static <T> T check(Option<T> o, String raw) {
        try {
            T v = o.parser().apply(raw.trim());
            return o.valid().test(v) ? v : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** One line per option: name, doc, default and allowed values. */
    public static String help() {
        StringBuilder b = new StringBuilder();
        for (Option<?> o : OPTIONS.values()) {
            b.append(String.format("  --%-17s %s (default %s; %s)%n", o.name(), o.doc(),
                    o.defaultValue().isEmpty() ? "reports/scaler-load/<timestamp>" : o.defaultValue(), o.allowed()));
        }
        return b.toString();
    }
}
