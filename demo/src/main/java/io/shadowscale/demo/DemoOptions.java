package io.shadowscale.demo;

import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.OneOf;
import io.shadowscale.testkit.cli.OptionChecks;
import io.shadowscale.testkit.cli.Within;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo's options, parsed by picocli ({@link Line}, {@code --name=value} or {@code --name value});
 * every problem is reported at once.
 *
 * @param day the traffic curve
 * @param partitions input (and output) topic partitions: the most workers a pair can use
 * @param recordSize input record size, bytes
 * @param workerCapacity records/s one worker is taken to sustain (0 = learn it from saturation)
 * @param scaleUpDelay how long a higher need must last before growing
 * @param scaleDownDelay how long a lower need must last before shrinking
 * @param pollingInterval the local KEDA's polling interval (KEDA's default is 30 s)
 * @param out where the report directory {@code <timestamp>/} is created
 * @param processor {@code java}: the example processor in the worker; {@code node}: every worker in
 *     sidecar mode with its own Node.js process running {@code examples/node-processor}
 */
public record DemoOptions(
        DayCurve day,
        int partitions,
        int recordSize,
        double workerCapacity,
        Duration scaleUpDelay,
        Duration scaleDownDelay,
        Duration pollingInterval,
        Path out,
        String processor) {
    /**
     * Parses the demo's command line.
     *
     * @throws IllegalArgumentException listing every problem, one per line
     */
    public static DemoOptions parse(List<String> args) {
        return BenchCli.parse(new Line(), args.toArray(String[]::new)).options();
    }

    /** The demo's command line: one field per option, with its default, doc and range. */
    @Command(
            name = "demo",
            customSynopsis = "./shadowscale demo [OPTIONS]",
            description = "The whole of Shadowscale on one machine, playing a compressed day; report in --out.")
    static final class Line implements BenchCli.Options {
        @Within(min = 60, max = 3600)
        @Option(names = "--duration", defaultValue = "240", description = "seconds the compressed day lasts (60..3600)")
        int duration;

        @Within(min = 0, max = 1_000_000)
        @Option(names = "--base", defaultValue = "15000", description = "off-peak input rate, msg/s (0..1000000)")
        int base;

        @Within(min = 0, max = 1_000_000)
        @Option(names = "--peak", defaultValue = "120000", description = "peak input rate, msg/s (>= base, <= 1000000)")
        int peak;

        @Within(min = 1, max = 256)
        @Option(names = "--partitions", defaultValue = "12", description = "partitions of the input topic (1..256)")
        int partitions;

        @Within(min = 16, max = 100_000)
        @Option(names = "--record-size", defaultValue = "200", description = "input record bytes (16..100000)")
        int recordSize;

        @Within(min = 0, max = 1_000_000)
        @Option(
                names = "--worker-capacity",
                defaultValue = "15000",
                description = "msg/s per worker the policy assumes; 0 = learn (0..1000000)")
        int workerCapacity;

        @Within(min = 0, max = 600)
        @Option(
                names = "--scale-up-delay",
                defaultValue = "5",
                description = "seconds a higher need must last before growing (0..600)")
        int scaleUpDelay;

        @Within(min = 0, max = 3600)
        @Option(
                names = "--scale-down-delay",
                defaultValue = "20",
                description = "seconds a lower need must last before shrinking (0..3600)")
        int scaleDownDelay;

        @Within(min = 1, max = 60)
        @Option(
                names = "--polling-interval",
                defaultValue = "1",
                description = "local KEDA polling interval, seconds (1..60)")
        int pollingInterval;

        @Option(
                names = "--out",
                paramLabel = "DIR",
                defaultValue = "reports/demo",
                description = "report directory (a <timestamp>/ is made inside)")
        Path out;

        @OneOf({"java", "node"})
        @Option(
                names = "--processor",
                defaultValue = "java",
                description = "java (in the worker) or node (sidecar mode + a Node.js process per worker)")
        String processor;

        @Override
        public void check(OptionChecks c) {
            c.relation(peak >= base, "--peak=" + peak + ": expected >= --base (" + base + ")");
        }

        DemoOptions options() {
            return new DemoOptions(
                    new DayCurve(base, peak, Duration.ofSeconds(duration)),
                    partitions,
                    recordSize,
                    workerCapacity,
                    Duration.ofSeconds(scaleUpDelay),
                    Duration.ofSeconds(scaleDownDelay),
                    Duration.ofSeconds(pollingInterval),
                    out,
                    processor);
        }
    }
}
