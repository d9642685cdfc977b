package io.shadowscale.bench.sim;

import io.shadowscale.testkit.cli.BenchCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * {@code bench simulate}: runs each trace through Shadowscale's policy, KEDA's lag scaler with the
 * HPA, static peak sizing and the oracle, prints a table per trace and writes the report.
 */
public final class SimulateCommand {
    private SimulateCommand() {}

    public static void main(String[] args) throws Exception {
        SimulateOptions options = new SimulateOptions();
        BenchCli.parseOrExit(options, args);
        run(options, args);
    }

    /** Runs the traces of {@code options} ({@code args}: the command line, for the report). */
    static void run(SimulateOptions options, String[] args) throws IOException {
        SimConfig config = options.config();
        List<Trace> traces = traces(options.trace, options.peak, config.seed(), options.historyDays);
        Path out = options.out;
        String command = "bench simulate " + String.join(" ", args);
        System.out.println(command);
        System.out.printf(
                Locale.ROOT,
                "worker capacity %.0f records/s (provisional), %d partitions, %s,"
                        + " lag target %d s, headroom %.0f%%, KEDA lagThresholds %d and %d, KEDA pod start %d s, "
                        + "rebalance stall %.1f s%n",
                config.workerCapacity(),
                config.partitions(),
                Report.walkTimes(config.walk()),
                config.lagTargetSeconds(),
                config.headroom() * 100,
                config.kedaLagThreshold(),
                config.kedaTunedLagThreshold(),
                config.warmupSeconds(),
                config.rebalanceStallSeconds());
        Simulator simulator = new Simulator(config);
        List<Report.Section> sections = new ArrayList<>();
        for (Trace trace : traces) {
            long started = System.nanoTime();
            List<Simulator.Run> runs = new ArrayList<>();
            for (Strategy strategy : simulator.strategies(trace)) {
                System.out.printf("  %-8s %-22s hours:", trace.name(), strategy.name());
                runs.add(simulator.run(trace, strategy, hour -> {
                    if (hour % 6 == 0) {
                        System.out.print(" " + hour);
                    }
                }));
                System.out.println();
            }
            Outcome outcome = Outcome.of(trace.measured(), runs, config.lagTargetSeconds());
            sections.add(new Report.Section(trace.measured(), outcome, runs));
            System.out.printf(
                    Locale.ROOT,
                    "%n%s: %.0f h, peak %s/s, %.1f off-peak hours, static peak %d workers (%.1f s)%n",
                    trace.name(),
                    outcome.hours(),
                    Report.fmt(outcome.peak()),
                    outcome.offPeakHours(),
                    simulator.staticPeakWorkers(trace),
                    (System.nanoTime() - started) / 1e9);
            System.out.print(Report.table(outcome).markdown());
            for (Outcome.Target t : outcome.targets()) {
                System.out.println("  " + (t.met() ? "MET    " : "MISSED ") + t.what() + " (" + t.detail() + ")");
            }
            outcome.notes().forEach(n -> System.out.println("  note:  " + n));
            System.out.println();
        }
        Report.write(out, command, config, sections);
        System.out.println("report: " + out.resolve("index.html") + ", " + out.resolve("results.md") + ", "
                + out.resolve("results.json"));
    }

    static List<Trace> traces(String spec, double peak, long seed) {
        return traces(spec, peak, seed, 0);
    }

    /**
     * The traces, each after {@code historyDays} days of history: for the built-in days and week,
     * the days before drawn with other seeds (day {@code k} before: seed {@code seed - k}, its day of
     * the week counted back from a Monday start); for a CSV longer than the history, its first
     * {@code historyDays} days (the rest is measured); for a shorter CSV, the trace itself repeated.
     */
    static List<Trace> traces(String spec, double peak, long seed, int historyDays) {
        if (historyDays < 0 || historyDays > 28) {
            throw new IllegalArgumentException("--history-days must be within [0, 28], was " + historyDays);
        }
        List<Trace> traces = new ArrayList<>();
        for (String item : spec.split(",")) {
            String name = item.strip();
            switch (name) {
                case "weekday" ->
                    traces.add(DiurnalTraces.weekday(peak, seed)
                            .afterHistory(builtIn(historyDays, k -> DiurnalTraces.weekday(peak, seed - k))));
                case "weekend" ->
                    traces.add(DiurnalTraces.weekend(peak, seed)
                            .afterHistory(builtIn(historyDays, k -> DiurnalTraces.weekend(peak, seed - k))));
                case "week" -> traces.add(week(peak, seed, historyDays));
                case "samples" -> CsvTrace.SAMPLES.forEach(s -> traces.add(csv(CsvTrace.sample(s), historyDays)));
                case "all" -> {
                    traces.addAll(traces("weekday,weekend,week", peak, seed, historyDays));
                    CsvTrace.SAMPLES.forEach(s -> traces.add(csv(CsvTrace.sample(s), historyDays)));
                }
                default ->
                    traces.add(csv(
                            CsvTrace.SAMPLES.contains(name) || CsvTrace.EXTRA_SAMPLES.contains(name)
                                    ? CsvTrace.sample(name)
                                    : CsvTrace.read(Path.of(name)),
                            historyDays));
            }
        }
        return traces;
    }

    static Trace week(double peak, long seed, int historyDays) {
        return DiurnalTraces.week(peak, seed)
                .afterHistory(builtIn(historyDays, k -> DiurnalTraces.day(-k, peak, seed - k)));
    }

    /** Days {@code days}, ..., 1 before the measured start, oldest first. */
    private static double[] builtIn(int days, IntFunction<Trace> dayBefore) {
        double[] history = new double[days * DiurnalTraces.DAY_SECONDS];
        for (int k = days; k >= 1; k--) {
            System.arraycopy(
                    dayBefore.apply(k).rates(),
                    0,
                    history,
                    (days - k) * DiurnalTraces.DAY_SECONDS,
                    DiurnalTraces.DAY_SECONDS);
        }
        return history;
    }

    static Trace csv(Trace trace, int historyDays) {
        int history = historyDays * DiurnalTraces.DAY_SECONDS;
        if (history == 0) {
            return trace;
        }
        double[] rates = trace.rates();
        if (rates.length > history) {
            return new Trace(trace.name(), rates, history);
        }
        double[] before = new double[history];
        for (int t = 0; t < history; t++) {
            before[t] = rates[Math.floorMod(t - history, rates.length)];
        }
        return trace.afterHistory(before);
    }
}
