package io.shadowscale.bench.fault;

import static io.shadowscale.testkit.cli.OptionTable.intOption;

import io.shadowscale.testkit.cli.CommandLine;
import io.shadowscale.testkit.cli.OptionTable;
import io.shadowscale.testkit.cli.OptionTable.Option;
import io.shadowscale.testkit.cli.SharedOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The declared options of {@code bench fault}: name, default, parser, validator, allowed values in
 * words and one line of doc. Every bad option is reported at once.
 */
public final class FaultOptions {
    private static final OptionTable OPTIONS = new OptionTable();

    static {
        add(new Option<>(
                "scenarios",
                "all",
                "comma-separated scenarios, or all",
                FaultOptions::scenarios,
                l -> !l.isEmpty(),
                "all or labels from "
                        + Arrays.stream(FaultScenario.values())
                                .map(FaultScenario::label)
                                .toList()));
        add(intOption("repeat", "3", "runs of each scenario", 1));
        add(SharedOptions.rate("2000"));
        add(SharedOptions.partitions("6", "each run's input and output topics"));
        add(SharedOptions.recordSize("100", 16));
        add(intOption("from", "2", "blue workers before the walk", 1));
        add(intOption("to", "3", "green workers after the walk", 1));
        add(intOption("steady-before", "5", "seconds of steady processing before the fault", 0));
        add(intOption("after", "3", "seconds of production after recovery", 0));
        add(intOption("recovery-timeout", "180", "longest wait (s) for steady again and caught up", 1));
        add(intOption("warmup-timeout", "150", "the pair's warmupTimeoutSeconds (a walk rolls back after it)", 1));
        add(SharedOptions.drainTimeout("30"));
        add(intOption(
                "slow-delay-us",
                "0",
                "per-record delay of slow-processor; 0: from workers sustain 80 % " + "of the rate",
                0));
        add(SharedOptions.out("fault"));
    }

    private FaultOptions() {}

    private static void add(Option<?> o) {
        OPTIONS.add(o);
    }

    static String usage() {
        StringBuilder b = new StringBuilder("usage: ./shadowscale bench fault [--name value ...]\n\nscenarios:\n");
        for (FaultScenario s : FaultScenario.values()) {
            b.append(String.format("  %-24s %s%n", s.label(), s.description()));
        }
        return b.append("\noptions:\n").append(OPTIONS.help()).toString();
    }

    /** Parses {@code --name value} / {@code --name=value}; throws with every problem, one per line. */
    static FaultSettings parse(String[] args, Instant now) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = CommandLine.values(args, problems);
        Map<String, Object> parsed = OPTIONS.parse(values, problems);
        if (problems.isEmpty() && parsed.get("from").equals(parsed.get("to"))) {
            problems.add("--from and --to are both " + parsed.get("from") + ": expected different sizes");
        }
        if (problems.isEmpty() && (Integer) parsed.get("to") > (Integer) parsed.get("partitions")) {
            problems.add("--to=" + parsed.get("to") + " is above --partitions=" + parsed.get("partitions"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        int rate = (Integer) parsed.get("rate");
        int delay = (Integer) parsed.get("slow-delay-us");
        @SuppressWarnings("unchecked")
        List<FaultScenario> scenarios = (List<FaultScenario>) parsed.get("scenarios");
        return new FaultSettings(
                scenarios,
                (Integer) parsed.get("repeat"),
                rate,
                (Integer) parsed.get("partitions"),
                (Integer) parsed.get("record-size"),
                (Integer) parsed.get("from"),
                (Integer) parsed.get("to"),
                Duration.ofSeconds((Integer) parsed.get("steady-before")),
                Duration.ofSeconds((Integer) parsed.get("after")),
                Duration.ofSeconds((Integer) parsed.get("recovery-timeout")),
                Duration.ofSeconds((Integer) parsed.get("warmup-timeout")),
                Duration.ofSeconds((Integer) parsed.get("drain-timeout")),
                delay > 0 ? delay : FaultSettings.slowDelay(rate, (Integer) parsed.get("from")),
                FaultSettings.ownClasspath(),
                SharedOptions.reportDirectory((String) parsed.get("out"), "fault", now));
    }

    private static List<FaultScenario> scenarios(String value) {
        if (value.trim().equals("all")) {
            return List.of(FaultScenario.values());
        }
        List<FaultScenario> list = new ArrayList<>();
        for (String label : value.split(",")) {
            list.add(FaultScenario.byLabel(label).orElseThrow());
        }
        return list;
    }
}
