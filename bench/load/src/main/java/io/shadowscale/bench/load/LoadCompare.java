package io.shadowscale.bench.load;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The multi-scenario runs against one broker: {@code compare} (scenarios back to back, each on a
 * fresh topic and group) and {@code ceiling} (a bounded search for the highest sustained rate per
 * pipeline). Both return a {@link LoadReport.RunSummary}; the caller writes it.
 */
public final class LoadCompare {
    /** The plain-group pipeline of the ceiling search: fixed members, no events. */
    static final String PLAIN = "steady";

    private final String bootstrap;
    private final ScenarioRegistry registry;
    private final PrintStream progress;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicInteger runs = new AtomicInteger();

    public LoadCompare(String bootstrap, ScenarioRegistry registry, PrintStream progress) {
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.progress = progress;
    }

    /** Runs {@code settings.scenarios()} back to back with the same events. */
    public LoadReport.RunSummary compare(String command, LoadSettings settings) throws Exception {
        String started = Instant.now().toString();
        warmUp(settings, settings.rate());
        List<ScenarioResult> results = new ArrayList<>();
        for (String name : settings.scenarios()) {
            ScenarioRegistry.Entry entry = registry.find(name)
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'"));
            progress.println("== " + name + ": " + entry.description());
            results.add(new ScenarioRun(bootstrap, progress).run(entry, settings, entry.scales(), nextRunId()));
        }
        return new LoadReport.RunSummary(command, started, machine(), LoadReport.settingsMap(settings), results, null);
    }

    /** Finds the highest sustained rate of the plain group and, once wired, of Shadowscale. */
    public LoadReport.RunSummary ceiling(LoadSettings settings) throws Exception {
        String started = Instant.now().toString();
        warmUp(settings, settings.probeStartRate());
        List<ScenarioResult> best = new ArrayList<>();
        Map<String, Object> ceiling = new LinkedHashMap<>();
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (String name : List.of(PLAIN, ScenarioRegistry.CUTOVER)) {
            ScenarioRegistry.Entry entry = registry.find(name).orElseThrow();
            String pipeline = name.equals(PLAIN) ? "plain_group" : "shadowscale";
            if (!entry.available()) {
                ceiling.put(pipeline, Map.of("error", entry.unavailableReason()));
                progress.println("== ceiling " + pipeline + ": " + entry.unavailableReason());
                continue;
            }
            Map<Integer, ScenarioResult> byRate = new LinkedHashMap<>();
            CeilingSearch.Outcome outcome = CeilingSearch.find(
                    settings.probeStartRate(), settings.probeMax(), settings.probePrecision(), rate -> {
                        progress.println("== ceiling " + pipeline + " probe at " + rate + " msg/s for "
                                + settings.probeDurationSeconds() + " s");
                        ScenarioResult r = new ScenarioRun(bootstrap, progress)
                                .run(entry, settings, rate, settings.probeDurationSeconds(), false, nextRunId());
                        byRate.put(rate, r);
                        CeilingSearch.Probe p = CeilingSearch.Probe.judge(rate, settings.probeDurationSeconds(), r);
                        progress.println("== probe " + rate + ": " + p.reason());
                        return p;
                    });
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("sustained_rate", outcome.sustainedRate());
            figure.put("first_failed_rate", outcome.failedRate());
            figure.put("probes", outcome.probes());
            ceiling.put(pipeline, figure);
            rates.put(pipeline, outcome.sustainedRate());
            ScenarioResult top = byRate.get(outcome.sustainedRate());
            if (top != null) {
                best.add(top);
            }
        }
        Integer plain = rates.get("plain_group");
        Integer shadow = rates.get("shadowscale");
        ceiling.put(
                "ratio_shadowscale_to_plain",
                plain != null && shadow != null && plain > 0 ? (double) shadow / plain : null);
        return new LoadReport.RunSummary(
                "ceiling", started, machine(), LoadReport.settingsMap(settings), best, ceiling);
    }

    /**
     * Runs the plain pipeline for {@code --warmup} seconds at {@code rate} (the run's, or the first
     * ceiling probe's) and throws the result away: the JIT compiles the client, broker and harness
     * paths, and the broker's log and page cache are in use, before anything is measured. Without it
     * the first scenario of a fresh JVM paid for the compiler threads (seen: seconds of multi-second
     * p99 at 120,000 msg/s).
     */
    void warmUp(LoadSettings settings, int rate) throws Exception {
        if (settings.warmupSeconds() == 0) {
            return;
        }
        ScenarioRegistry.Entry entry = registry.find(PLAIN).orElseThrow();
        progress.println("== warm-up: " + PLAIN + " at " + rate + " msg/s for " + settings.warmupSeconds()
                + " s (not reported)");
        new ScenarioRun(bootstrap, progress)
                .run(entry, settings, rate, settings.warmupSeconds(), false, nextRunId() + "-warmup");
    }

    private String nextRunId() {
        return runId + "-" + runs.incrementAndGet();
    }

    static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }
}
