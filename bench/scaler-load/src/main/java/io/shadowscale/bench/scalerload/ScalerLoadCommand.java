package io.shadowscale.bench.scalerload;

import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.BenchLogs;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench scaler-load [options]}: one real scaler serving many pairs at KEDA's cadence, for
 * every (pairs, partitions) point asked (a fresh broker and scaler each), then {@code summary.json}
 * and {@code report.md} with charts in {@code --out}. Each point is bounded (settle timeout +
 * duration + shutdown); a watchdog ends the process if the whole run overstays that bound.
 */
public final class ScalerLoadCommand {
    private ScalerLoadCommand() {}

    public static void main(String[] args) throws Exception {
        ScalerLoadOptions options = new ScalerLoadOptions();
        BenchCli.parseOrExit(options, args);
        ScalerLoadSettings settings = options.settings(Instant.now());
        BenchLogs.quiet("kafka", "state.change.logger", "org.apache.kafka");
        long boundSeconds = (long) settings.points().size() * settings.boundSecondsPerPoint();
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(boundSeconds * 1_000);
                        System.err.println("scaler-load: still running after " + boundSeconds + " s; giving up");
                        Runtime.getRuntime().halt(3);
                    } catch (InterruptedException e) {
                        // finished in time
                    }
                },
                "scaler-load-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.out.println("scaler-load: " + settings.points().size() + " point(s) " + settings.points() + ", at most "
                + boundSeconds + " s");
        Path out = run(settings, System.out);
        watchdog.interrupt();
        System.out.println("report: " + out.resolve("report.md") + " , " + out.resolve("summary.json"));
    }

    /**
     * Runs every point and writes the reports after each one (a later point that fails, e.g. a
     * broker fenced on an overloaded machine, keeps the earlier ones); a failed point is recorded
     * with its error and the sweep goes on. Returns the report directory.
     */
    public static Path run(ScalerLoadSettings settings, PrintStream progress) throws Exception {
        String startedAt = Instant.now().toString();
        List<PointResult> points = new ArrayList<>();
        List<Map<String, String>> failures = new ArrayList<>();
        for (ScalerLoadSettings.Point point : settings.points()) {
            try {
                points.add(new ScalerLoadRun(settings, point, progress).run());
            } catch (Exception e) {
                progress.println("[" + point + "] failed: " + e);
                failures.add(Map.of("point", point.toString(), "error", String.valueOf(e)));
            }
            ScalerLoadReport.write(
                    settings.out(),
                    new ScalerLoadReport.Summary(
                            "scaler-load",
                            startedAt,
                            machine(),
                            ScalerLoadReport.settingsMap(settings),
                            points,
                            failures,
                            ScalerLoadReport.growth(points)));
        }
        return settings.out();
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put(
                "load_average_at_start",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return m;
    }
}
