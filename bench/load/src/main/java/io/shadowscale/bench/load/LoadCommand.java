package io.shadowscale.bench.load;

import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.testkit.cli.BenchLogs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

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
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage(registry, System.out);
            return;
        }
        String what = args[0];
        if (!what.equals("compare")
                && !what.equals("ceiling")
                && registry.find(what).isEmpty()) {
            System.err.println("unknown load command '" + what + "'");
            usage(registry, System.err);
            System.exit(2);
        }
        String[] options =
                Arrays.copyOfRange(args, 1, args.length + (registry.find(what).isPresent() ? 1 : 0));
        if (registry.find(what).isPresent()) { // one scenario: the run's --scenarios, checked with the rest
            options[options.length - 1] = "--scenarios=" + what;
        }
        LoadSettings settings;
        try {
            settings = LoadOptions.parseArgs(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path out = run(what, settings, registry, System.out);
        System.out.println("report: " + out.resolve("report.md") + " , " + out.resolve("report.html") + " , "
                + out.resolve("summary.json"));
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

    private static void usage(ScenarioRegistry registry, PrintStream out) {
        out.println("usage: ./shadowscale bench load <scenario|compare|ceiling> [--option value ...]");
        out.println("scenarios:");
        for (ScenarioRegistry.Entry e : registry.entries()) {
            out.printf(
                    "  %-12s %s%s%n",
                    e.name(), e.description(), e.available() ? "" : " [" + e.unavailableReason() + "]");
        }
        out.println("  compare      the --scenarios back to back, same events, side-by-side report");
        out.println("  ceiling      highest sustained rate per pipeline (bracket + bisection)");
        out.println("options:");
        out.print(LoadOptions.help());
    }
}
