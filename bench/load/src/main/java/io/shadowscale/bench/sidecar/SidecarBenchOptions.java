package io.shadowscale.bench.sidecar;

import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.OneOf;
import io.shadowscale.testkit.cli.SharedOptions;
import io.shadowscale.testkit.cli.Within;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    public SidecarBenchOptions {
        processors = List.copyOf(processors);
    }

    /**
     * Parses {@code --name value} / {@code --name=value}.
     *
     * @throws IllegalArgumentException naming every problem, one per line
     */
    public static SidecarBenchOptions parse(String... args) {
        return BenchCli.parse(new Line(), args).options();
    }

    /** The command line of {@code bench sidecar}: one field per option, with its default, doc and range. */
    @Command(
            name = "sidecar",
            customSynopsis = "./shadowscale bench sidecar [OPTIONS]",
            description = "The cost of the sidecar hop: the highest sustained rate and the latency of each variant.")
    static final class Line implements BenchCli.Options {
        @OneOf({"java", "node"})
        @Option(
                names = "--processors",
                split = ",",
                defaultValue = "java,node",
                description = "variants to measure, comma-separated: java, node")
        List<String> processors;

        @Within(min = 1, max = 256)
        @Option(names = "--partitions", defaultValue = "12", description = "partitions of each probe's input topic")
        int partitions;

        @Mixin
        SharedOptions.RecordSize recordSize = new SharedOptions.RecordSize(200, 100_000);

        @Within(min = 2, max = 600)
        @Option(names = "--probe-seconds", defaultValue = "20", description = "seconds of traffic per probe")
        int probeSeconds;

        @Within(min = 100, max = 2_000_000)
        @Option(names = "--start-rate", defaultValue = "10000", description = "first probe's rate, msg/s")
        int startRate;

        @Within(min = 1, max = 30)
        @Option(
                names = "--probes",
                defaultValue = "8",
                description = "most probes per variant (doubling, then bisecting)")
        int probes;

        SidecarBenchOptions options() {
            return new SidecarBenchOptions(
                    processors.stream().map(String::trim).toList(),
                    partitions,
                    recordSize.bytes(),
                    probeSeconds,
                    startRate,
                    probes);
        }
    }
}
