package io.shadowscale.bench.sidecar;

import static io.shadowscale.testkit.cli.OptionTable.intOption;

import io.shadowscale.testkit.cli.CommandLine;
import io.shadowscale.testkit.cli.OptionTable;
import io.shadowscale.testkit.cli.OptionTable.Option;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The declared options of {@code bench sidecar}; every bad option is reported at once.
 *
 * @param processors the variants measured, in order: {@code java} (the example processor in the
 *     worker) and/or {@code node} (sidecar mode + the Node.js example processor)
 * @param partitions partitions of each probe's topic
 * @param recordSize input record bytes
 * @param probeSeconds seconds of traffic per probe
 * @param startRate first probe's rate, msg/s
 * @param probes most probes per variant
 */
public record SidecarBenchOptions(
        List<String> processors, int partitions, int recordSize, int probeSeconds, int startRate, int probes) {
    private static final List<String> VARIANTS = List.of("java", "node");
    private static final OptionTable OPTIONS = new OptionTable()
            .add(new Option<>(
                    "processors",
                    "java,node",
                    "variants to measure, comma-separated: java, node",
                    s -> Arrays.stream(s.split(",")).map(String::trim).toList(),
                    l -> !l.isEmpty() && VARIANTS.containsAll(l),
                    "comma-separated java, node"))
            .add(intOption("partitions", "12", "partitions of each probe's input topic", 1, 256))
            .add(intOption("record-size", "200", "input record bytes", 16, 100_000))
            .add(intOption("probe-seconds", "20", "seconds of traffic per probe", 2, 600))
            .add(intOption("start-rate", "10000", "first probe's rate, msg/s", 100, 2_000_000))
            .add(intOption("probes", "8", "most probes per variant (doubling, then bisecting)", 1, 30));

    public SidecarBenchOptions {
        processors = List.copyOf(processors);
    }

    /** Parses {@code --name value} / {@code --name=value}; throws naming every problem. */
    @SuppressWarnings("unchecked")
    public static SidecarBenchOptions parse(String[] args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = CommandLine.values(args, problems);
        Map<String, Object> parsed = OPTIONS.parse(values, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bad options: " + String.join("; ", problems));
        }
        return new SidecarBenchOptions(
                (List<String>) parsed.get("processors"),
                (Integer) parsed.get("partitions"),
                (Integer) parsed.get("record-size"),
                (Integer) parsed.get("probe-seconds"),
                (Integer) parsed.get("start-rate"),
                (Integer) parsed.get("probes"));
    }

    /** One line per option: name, doc, default and allowed values. */
    public static String help() {
        return OPTIONS.help();
    }
}
