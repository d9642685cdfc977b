package io.shadowscale.bench.load;

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
 * The declared options of {@code bench load}: each has a name, a default, a parser, a validator
 * with the allowed values in words, and one line of doc. {@link #parse} reports every bad option
 * at once, each with its name, its value and what is allowed.
 */
public final class LoadOptions {
    private static final OptionTable OPTIONS = new OptionTable();

    static {
        add(SharedOptions.rate("5000"));
        add(intOption("duration", "30", "seconds of production per scenario", 1));
        add(SharedOptions.recordSize("200", Payload.HEADER_BYTES));
        add(SharedOptions.partitions("12", "each scenario's fresh topic"));
        add(intOption("cost-us", "5", "busy-spin processing cost per record, microseconds", 0));
        add(intOption("members", "2", "consumer members at the start (and in ceiling probes)", 1));
        add(intOption("scale-to", "4", "members after the scale-up event", 1));
        add(intOption("scale-up-at", "10", "second of the scale-up event (members -> scale-to)", 1));
        add(intOption("scale-down-at", "20", "second of the scale-down event (scale-to -> members)", 1));
        add(intOption("producer-threads", "1", "sender threads sharing one idempotent producer", 1));
        add(choiceOption("acks", "all", "producer acks", "all", "1"));
        add(SharedOptions.drainTimeout("30"));
        add(intOption("event-window", "15", "seconds after each scale event counted as its window (2 s before)", 1));
        add(intOption(
                "warmup", "20", "seconds of unreported traffic at --rate before compare and ceiling (JIT, broker)", 0));
        add(intOption("fetch-min-bytes", "1", "fetch.min.bytes of every scenario's consumers", 1));
        add(intOption("fetch-max-wait-ms", "500", "fetch.max.wait.ms of every scenario's consumers", 0));
        add(new Option<>(
                "scenarios",
                "steady,eager,cooperative,consumer,share,cutover",
                "comma-separated scenarios for compare",
                s -> Arrays.asList(s.split(",")),
                l -> !l.isEmpty()
                        && l.stream()
                                .allMatch(n -> ScenarioRegistry.defaults()
                                        .find(n.trim())
                                        .isPresent()),
                "names from " + ScenarioRegistry.defaults().names()));
        add(intOption(
                "walks",
                "0",
                "scale events, alternating up and down every --walk-every s from --scale-up-at"
                        + " (0: one up at --scale-up-at, one down at --scale-down-at)",
                0));
        add(intOption("walk-every", "15", "seconds between two events with --walks", 1));
        add(choiceOption("handoff", "planned", "how the Shadowscale pair hands over", "planned", "fence"));
        add(choiceOption(
                "processor", "java", "cutover's processor: in the worker, or a Node.js sidecar", "java", "node"));
        add(intOption(
                "group-heartbeat-ms",
                "5000",
                "the broker's consumer-group heartbeat interval (KIP-848 groups;" + " Kafka's default 5000)",
                100));
        add(SharedOptions.out("load"));
        add(intOption("probe-duration", "60", "seconds per ceiling probe", 1));
        add(intOption("probe-start-rate", "20000", "first ceiling probe rate, doubled until it fails", 1));
        add(intOption("probe-max", "8", "most ceiling probes", 1));
        add(new Option<>(
                "probe-precision",
                "0.05",
                "ceiling bisection stops when (fail-pass)/pass is below this",
                Double::parseDouble,
                d -> d > 0 && d < 1,
                "a number in (0, 1)"));
    }

    private LoadOptions() {}

    private static void add(Option<?> o) {
        OPTIONS.add(o);
    }

    /** Parses {@code --name value} / {@code --name=value} arguments. */
    public static LoadSettings parseArgs(String[] args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = CommandLine.values(args, problems);
        return parse(values, problems);
    }

    /** Builds settings from option values; every problem is reported in one exception. */
    public static LoadSettings parse(Map<String, String> values) {
        return parse(values, new ArrayList<>());
    }

    private static LoadSettings parse(Map<String, String> values, List<String> problems) {
        Map<String, Object> parsed = OPTIONS.parse(values, problems);
        if (problems.isEmpty()) {
            int duration = (Integer) parsed.get("duration");
            int up = (Integer) parsed.get("scale-up-at");
            int down = (Integer) parsed.get("scale-down-at");
            int walks = (Integer) parsed.get("walks");
            int every = (Integer) parsed.get("walk-every");
            if (walks == 0 && !(up < down && down < duration)) {
                problems.add("--scale-up-at=" + up + ", --scale-down-at=" + down + ", --duration=" + duration
                        + " are invalid: expected scale-up-at < scale-down-at < duration");
            }
            if (walks > 0 && up + (walks - 1) * every >= duration) {
                problems.add("--walks=" + walks + " every " + every + " s from --scale-up-at=" + up
                        + " do not fit in --duration=" + duration + ": the last is at "
                        + (up + (walks - 1) * every) + " s");
            }
            List<String> plain = ((List<?>) parsed.get("scenarios"))
                    .stream()
                            .map(n -> n.toString().trim())
                            .filter(n -> !n.equals(ScenarioRegistry.CUTOVER))
                            .toList();
            if (parsed.get("processor").equals("node") && !plain.isEmpty()) {
                problems.add("--processor=node applies to the cutover scenario only (its workers get Node.js "
                        + "sidecars); " + String.join(",", plain)
                        + " run plain Kafka consumers: use --scenarios cutover");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bad options: " + String.join("; ", problems));
        }
        @SuppressWarnings("unchecked")
        List<String> scenarios = ((List<String>) parsed.get("scenarios"))
                .stream().map(String::trim).toList();
        Path outDir = SharedOptions.reportDirectory((String) parsed.get("out"), "load", Instant.now());
        return new LoadSettings(
                (Integer) parsed.get("rate"),
                (Integer) parsed.get("duration"),
                (Integer) parsed.get("record-size"),
                (Integer) parsed.get("partitions"),
                (Integer) parsed.get("cost-us"),
                (Integer) parsed.get("members"),
                (Integer) parsed.get("scale-to"),
                (Integer) parsed.get("scale-up-at"),
                (Integer) parsed.get("scale-down-at"),
                (Integer) parsed.get("producer-threads"),
                (String) parsed.get("acks"),
                (Integer) parsed.get("drain-timeout"),
                scenarios,
                outDir,
                (Integer) parsed.get("probe-duration"),
                (Integer) parsed.get("probe-start-rate"),
                (Integer) parsed.get("probe-max"),
                (Double) parsed.get("probe-precision"),
                (Integer) parsed.get("event-window"),
                (Integer) parsed.get("warmup"),
                (Integer) parsed.get("fetch-min-bytes"),
                (Integer) parsed.get("fetch-max-wait-ms"),
                (Integer) parsed.get("walks"),
                (Integer) parsed.get("walk-every"),
                (String) parsed.get("handoff"),
                (Integer) parsed.get("group-heartbeat-ms"),
                (String) parsed.get("processor"));
    }

    /** One line per option: name, doc, default and allowed values. */
    public static String help() {
        return OPTIONS.help();
    }
}
