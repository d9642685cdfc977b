package io.shadowscale.bench.sidecar;

import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.OptionChecks;
import io.shadowscale.testkit.cli.SharedOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options of {@code bench sidecar}, parsed by picocli ({@link Line}); every bad option is
 * reported at once.
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

    public SidecarBenchOptions {
        processors = List.copyOf(processors);
    }

    /**
     * Parses {@code --name value} / {@code --name=value}.
     *
     * @throws IllegalArgumentException naming every problem, one per line
     */
    public static SidecarBenchOptions parse(String... args) {
        Line line = new Line();
        BenchCli.parse(line, args);
        return line.options();
    }

    /** The command line of {@code bench sidecar}: one field per option. */
    @Command(
            name = "sidecar",
            customSynopsis = "./shadowscale bench sidecar [OPTIONS]",
            description = "The cost of the sidecar hop: the highest sustained rate and the latency of each variant.")
    static final class Line implements BenchCli.Options {
        @Option(
                names = "--processors",
                split = ",",
                defaultValue = "java,node",
                description = "variants to measure, comma-separated: java, node")
        List<String> processors;

        @Option(names = "--partitions", defaultValue = "12", description = "partitions of each probe's input topic")
        int partitions;

        @Option(names = "--record-size", defaultValue = "200", description = SharedOptions.RECORD_SIZE)
        int recordSize;

        @Option(names = "--probe-seconds", defaultValue = "20", description = "seconds of traffic per probe")
        int probeSeconds;

        @Option(names = "--start-rate", defaultValue = "10000", description = "first probe's rate, msg/s")
        int startRate;

        @Option(
                names = "--probes",
                defaultValue = "8",
                description = "most probes per variant (doubling, then bisecting)")
        int probes;

        @Override
        public void check(OptionChecks c) {
            c.allOf("--processors", trimmed(), VARIANTS)
                    .within("--partitions", partitions, 1, 256)
                    .within("--record-size", recordSize, 16, 100_000)
                    .within("--probe-seconds", probeSeconds, 2, 600)
                    .within("--start-rate", startRate, 100, 2_000_000)
                    .within("--probes", probes, 1, 30);
        }

        SidecarBenchOptions options() {
            return new SidecarBenchOptions(trimmed(), partitions, recordSize, probeSeconds, startRate, probes);
        }

        private List<String> trimmed() {
            return processors.stream().map(String::trim).toList();
        }
    }
}
