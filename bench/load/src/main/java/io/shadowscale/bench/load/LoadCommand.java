package io.shadowscale.bench.load;

import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.BenchLogs;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * {@code bench load <what> [options]}: {@code <what>} is a scenario name (one scenario run),
 * {@code compare} (the scenarios back to back) or {@code ceiling} (the highest sustained rate).
 * Starts one in-process broker for the whole invocation and writes {@code summary.json},
 * {@code report.md} and {@code report.html} into {@code --out}.
 */
public final class LoadCommand {
    private LoadCommand() {}

    public static void main(String[] args) throws Exception {
        BenchLogs.quiet("kafka", "state.change.logger", "org.apache.kafka.clients.NetworkClient");
        ScenarioRegistry registry = ScenarioRegistry.defaults();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        LoadOptions options = new LoadOptions(registry);
        OptionalInt stop = BenchCli.parse(options, args.length == 0 ? new String[] {"--help"} : args, out, err);
        if (stop.isPresent()) {
            System.exit(stop.getAsInt());
        }
        String what = options.what();
        LoadSettings settings = options.settings(Instant.now());
        Path dir = run(what, settings, registry, System.out);
        System.out.println("report: " + dir.resolve("report.md") + " , " + dir.resolve("report.html") + " , "
                + dir.resolve("summary.json"));
    }

    /** Starts a local broker, runs {@code what}, writes the reports; returns the report directory. */
    public static Path run(String what, LoadSettings settings, ScenarioRegistry registry, PrintStream progress)
            throws Exception {
        String heartbeat = Integer.toString(settings.groupHeartbeatMs());
        try (LocalKafka kafka = LocalKafka.builder()
                .brokerProperty("group.consumer.heartbeat.interval.ms", heartbeat)
                .brokerProperty(
                        "group.consumer.min.heartbeat.interval.ms",
                        Integer.toString(Math.min(settings.groupHeartbeatMs(), 5000)))
                .start()) {
            progress.println("broker " + kafka.bootstrapServers() + " started in "
                    + kafka.startupTime().toMillis() + " ms");
            LoadReport.RunSummary summary = run(kafka.bootstrapServers(), what, settings, registry, progress);
            LoadReport.write(settings.out(), summary);
            return settings.out();
        }
    }

    /** Runs {@code what} against a running broker. */
    public static LoadReport.RunSummary run(
            String bootstrap, String what, LoadSettings settings, ScenarioRegistry registry, PrintStream progress)
            throws Exception {
        LoadCompare compare = new LoadCompare(bootstrap, registry, progress);
        return what.equals("ceiling") ? compare.ceiling(settings) : compare.compare(what, settings);
    }
}
