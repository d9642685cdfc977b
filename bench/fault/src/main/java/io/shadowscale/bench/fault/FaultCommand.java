package io.shadowscale.bench.fault;

import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.BenchLogs;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code bench fault}: every fault scenario, {@code --repeat} times, against one real broker in
 * this JVM, with the scaler and every worker in processes of their own (see {@link FaultRun}).
 * Prints a progress line every second; writes {@code summary.json} and {@code report.md} into
 * {@code --out} (default {@code reports/fault/<timestamp>/}), process logs under {@code logs/}.
 * Each run is bounded by its timeouts, so the command stops by itself. Exit code 1 if any record
 * was lost or a run failed.
 */
public final class FaultCommand {
    private FaultCommand() {}

    public static void main(String[] args) throws Exception {
        FaultOptions options = new FaultOptions();
        BenchCli.parseOrExit(options, args);
        FaultSettings settings = options.settings(Instant.now());
        BenchLogs.quiet("kafka", "state.change.logger", "org.apache.kafka", "io.grpc");
        // stopped from outside (Ctrl-C, timeout): no worker or scaler process outlives the harness
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                        "fault-children"));
        Instant started = Instant.now();
        String machine = machine();
        List<FaultResult> results;
        try (LocalKafka kafka = broker().start()) {
            System.out.println("== broker " + kafka.bootstrapServers() + "; "
                    + settings.scenarios().size() + " scenario(s) x " + settings.repeat() + "; " + machine);
            // the report is rewritten after every run: a run cut short still leaves what was measured
            results = run(kafka, settings, System.out, done -> {
                try {
                    FaultReport.write(
                            settings.out(), settings, done, started, Instant.now(), machine + " -> " + machine());
                } catch (IOException e) {
                    System.err.println("could not write the report: " + e);
                }
            });
        }
        Instant ended = Instant.now();
        FaultReport.write(settings.out(), settings, results, started, ended, machine + " -> " + machine());
        System.out.println();
        System.out.print(FaultReport.markdown(settings, results, started, ended, machine)
                .lines()
                .takeWhile(l -> !l.startsWith("## What happened"))
                .reduce("", (a, l) -> a + l + "\n"));
        System.out.println("report: " + settings.out().resolve("report.md") + " , "
                + settings.out().resolve("summary.json"));
        boolean ok = results.stream().allMatch(r -> r.lost() == 0);
        System.exit(ok ? 0 : 1);
    }

    /**
     * The broker of the fault bench: KIP-848 heartbeats every 500 ms (a group settles in about a
     * second), a consumer session of 10 s (a killed member leaves its group 10 s after its last
     * heartbeat, instead of 45 s), and {@link NetworkFaults#LINKS} proxied listeners for the network
     * scenarios.
     */
    public static LocalKafka.Builder broker() {
        return LocalKafka.builder()
                .proxiedListeners(NetworkFaults.LINKS)
                .brokerProperty("group.consumer.heartbeat.interval.ms", "500")
                .brokerProperty("group.consumer.min.heartbeat.interval.ms", "500")
                .brokerProperty("group.consumer.session.timeout.ms", "10000")
                .brokerProperty("group.consumer.min.session.timeout.ms", "10000");
    }

    /** Runs every scenario {@code repeat} times; one progress line a second on {@code progress}. */
    public static List<FaultResult> run(LocalKafka kafka, FaultSettings settings, PrintStream progress) {
        return run(kafka, settings, progress, done -> {});
    }

    /** As {@link #run(LocalKafka, FaultSettings, PrintStream)}, calling {@code afterEach} with the results so far. */
    public static List<FaultResult> run(
            LocalKafka kafka, FaultSettings settings, PrintStream progress, Consumer<List<FaultResult>> afterEach) {
        List<FaultResult> results = new ArrayList<>();
        AtomicReference<FaultRun> current = new AtomicReference<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fault-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(
                () -> {
                    FaultRun run = current.get();
                    if (run != null) {
                        progress.println(run.progress());
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
        try {
            // round by round (every scenario once, then again): a cut-short invocation still covers all
            for (int i = 1; i <= settings.repeat(); i++) {
                for (FaultScenario scenario : settings.scenarios()) {
                    FaultRun run = new FaultRun(kafka, settings, scenario, i);
                    current.set(run);
                    FaultResult result;
                    try {
                        result = run.execute();
                    } catch (Exception e) {
                        result = new FaultResult(
                                scenario,
                                i,
                                0,
                                0,
                                -1,
                                0,
                                0,
                                -1,
                                false,
                                "FAILED",
                                List.of(),
                                0,
                                0,
                                List.of("run failed: " + e),
                                List.of(),
                                Map.of());
                    }
                    current.set(null);
                    results.add(result);
                    progress.println(String.format(
                            Locale.ROOT,
                            "== %s #%d: lost %d, unprocessed %d, duplicates %d, steady again %s, %s",
                            scenario.label(),
                            i,
                            result.lost(),
                            result.unprocessed(),
                            result.duplicates(),
                            result.recovered() ? result.recoveryMs() + " ms" : "never",
                            result.finalState()));
                    result.notes().forEach(n -> progress.println("     " + n));
                    afterEach.accept(List.copyOf(results));
                }
            }
        } finally {
            ticker.shutdownNow();
        }
        return results;
    }

    static String machine() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(
                Locale.ROOT,
                "%s %s, %d cores, Java %s, load average %.2f",
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                load);
    }
}
