package io.shadowscale.bench.fault;

import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.BenchLogs;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code bench soak}: one long run at a steady rate with a walk every {@code --walk-every} seconds
 * (see {@link SoakRun}), against one real broker in this JVM, the scaler and every worker in
 * processes of their own, every process's heap after GC, threads and file descriptors sampled
 * throughout. Prints a progress line every 10 s; writes {@code samples.csv}, {@code summary.md}
 * and {@code report.html} into {@code --out} (default {@code reports/soak/<timestamp>/}), process
 * and GC logs under {@code logs/}. Stops by itself after the start, {@code --duration} and the
 * drain timeout. Exit code 1 if a record was lost or duplicated, or the run failed.
 */
public final class SoakCommand {
    private SoakCommand() {}

    public static void main(String[] args) throws Exception {
        SoakOptions options = new SoakOptions();
        BenchCli.parseOrExit(options, args);
        Instant started = Instant.now();
        SoakSettings settings = options.settings(started);
        BenchLogs.quiet("kafka", "state.change.logger", "org.apache.kafka", "io.grpc");
        // stopped from outside (Ctrl-C, timeout): no worker or scaler process outlives the harness
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                        "soak-children"));
        String machine = FaultCommand.machine();
        SoakResult result;
        try (LocalKafka kafka = FaultCommand.broker().start()) {
            System.out.printf(
                    Locale.ROOT,
                    "== broker %s; %d min at %,d msg/s, a walk every %d s between %d and %d workers; %s%n",
                    kafka.bootstrapServers(),
                    settings.duration().toMinutes(),
                    settings.load().rate(),
                    settings.walks().every().toSeconds(),
                    settings.walks().from(),
                    settings.walks().to(),
                    machine);
            result = new SoakRun(kafka, settings, System.out).execute();
        }
        String header = String.format(
                Locale.ROOT,
                "# Soak: %d min at %,d msg/s, a walk every %d s between %d and %d workers%n%n"
                        + "- command: `./shadowscale bench soak %s`%n"
                        + "- started %s, ended %s%n"
                        + "- machine: %s -> %s%n",
                settings.duration().toMinutes(),
                settings.load().rate(),
                settings.walks().every().toSeconds(),
                settings.walks().from(),
                settings.walks().to(),
                String.join(" ", args),
                started,
                Instant.now(),
                machine,
                FaultCommand.machine());
        SoakReport.write(settings, result, header);
        System.out.println();
        System.out.print(SoakReport.audit(result));
        for (SoakReport.Resource resource : SoakReport.RESOURCES) {
            System.out.println(resource.title() + " (" + resource.unit() + "):");
            System.out.print(SoakReport.table(result, resource));
        }
        System.out.println("report: " + settings.out().resolve("report.html") + " , "
                + settings.out().resolve("summary.md") + " , " + settings.out().resolve("samples.csv"));
        System.exit(result.clean() ? 0 : 1);
    }
}
