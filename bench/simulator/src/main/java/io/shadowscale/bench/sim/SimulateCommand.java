package io.shadowscale.bench.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code bench simulate}: runs each trace through Shadowscale's policy, KEDA's lag scaler with the
 * HPA, static peak sizing and the oracle, prints a table per trace and writes the report.
 */
public final class SimulateCommand {
    /** option -> [default, help]. */
    private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

    static {
        SimConfig d = SimConfig.DEFAULTS;
        OPTIONS.put("--trace", new String[] {
            "all",
            "weekday | weekend | week | samples | all | a sample name | a CSV file (time_seconds,msgs_per_s); comma-separated"
        });
        OPTIONS.put("--history-days", new String[] {
            "0", "days run before the measured trace, so a forecast learns from them (see docs/benchmarks/simulator.md)"
        });
        OPTIONS.put(
                "--forecast",
                new String[] {"true", "Shadowscale's forecast setting (it acts once a day has been observed)"});
        OPTIONS.put("--peak", new String[] {"120000", "peak of the built-in weekday, records/s (weekend: 60% of it)"});
        OPTIONS.put("--seed", new String[] {String.valueOf(d.seed()), "seed of the built-in days' noise and bursts"});
        OPTIONS.put("--out", new String[] {"reports/simulate", "output directory"});
        OPTIONS.put(
                "--capacity",
                new String[] {"12000", "records/s per worker (PROVISIONAL until the load harness measures it)"});
        OPTIONS.put("--learn", new String[] {"false", "the policy learns capacity instead of being told it"});
        OPTIONS.put("--partitions", new String[] {String.valueOf(d.partitions()), "partitions of the topics"});
        OPTIONS.put("--min", new String[] {String.valueOf(d.minReplicas()), "fewest workers (all strategies)"});
        OPTIONS.put(
                "--headroom", new String[] {String.valueOf(d.headroom()), "headroom fraction (Shadowscale, static)"});
        OPTIONS.put("--lag-target", new String[] {String.valueOf(d.lagTargetSeconds()), "lag target, s"});
        OPTIONS.put(
                "--up-delay", new String[] {String.valueOf(d.scaleUpDelaySeconds()), "Shadowscale scale-up delay, s"});
        OPTIONS.put(
                "--down-delay",
                new String[] {String.valueOf(d.scaleDownDelaySeconds()), "Shadowscale scale-down delay, s"});
        OPTIONS.put(
                "--decide-every",
                new String[] {String.valueOf(d.decideEverySeconds()), "Shadowscale measurement interval, s"});
        OPTIONS.put("--warmup", new String[] {
            String.valueOf(d.warmupSeconds()), "KEDA: a new pod's start until it joins the group, s"
        });
        OPTIONS.put("--walk-warmup", new String[] {
            String.valueOf(d.walk().warmupMillis()),
            "Shadowscale: Warm until the new slot is ready, ms (measured: 10.3-10.6 s with 5 s heartbeats, 1.7-2.2 s "
                    + "with 500 ms)"
        });
        OPTIONS.put("--fence", new String[] {
            String.valueOf(d.walk().fenceMillis()), "Shadowscale: Fence until stop offsets are answered, ms"
        });
        OPTIONS.put("--barrier", new String[] {
            String.valueOf(d.walk().barrierMillis()), "Shadowscale: barrier until the new slot is active, ms"
        });
        OPTIONS.put("--drain", new String[] {
            String.valueOf(d.walk().drainMillis()), "Shadowscale: Drain until the old slot answered, ms"
        });
        OPTIONS.put(
                "--commit-interval",
                new String[] {String.valueOf(d.commitIntervalSeconds()), "offset commit interval, s"});
        OPTIONS.put(
                "--keda-lag-threshold",
                new String[] {String.valueOf(d.kedaLagThreshold()), "KEDA lagThreshold (KEDA's default: 10)"});
        OPTIONS.put("--keda-tuned-lag-threshold", new String[] {
            "auto", "a second KEDA run's lagThreshold; auto = capacity x commit-interval / 2; 0 = none"
        });
        OPTIONS.put("--rebalance-stall", new String[] {
            String.valueOf(d.rebalanceStallSeconds()), "KEDA: idle time of moved partitions per rebalance, s"
        });
        OPTIONS.put("--keda-max", new String[] {String.valueOf(d.hpaMaxReplicas()), "KEDA maxReplicaCount"});
    }

    private SimulateCommand() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> values = parse(args);
        if (values == null) {
            return;
        }
        SimConfig config = config(values);
        List<Trace> traces = traces(
                values.get("--trace"),
                Double.parseDouble(values.get("--peak")),
                config.seed(),
                Integer.parseInt(values.get("--history-days")));
        Path out = Path.of(values.get("--out"));
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

    static Map<String, String> parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        OPTIONS.forEach((k, v) -> values.put(k, v[0]));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println("usage: ./shadowscale bench simulate [options]");
                OPTIONS.forEach((k, v) -> System.out.printf("  %-28s %s (default %s)%n", k + " <v>", v[1], v[0]));
                return null;
            }
            String key = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                key = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (key.equals("--learn")) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            if (!OPTIONS.containsKey(key)) {
                throw new IllegalArgumentException("unknown option " + key + "; options: " + OPTIONS.keySet());
            }
            values.put(key, value);
        }
        return values;
    }

    static SimConfig config(Map<String, String> v) {
        double capacity = Double.parseDouble(v.get("--capacity"));
        double commit = Double.parseDouble(v.get("--commit-interval"));
        String tuned = v.get("--keda-tuned-lag-threshold");
        return new SimConfig(
                capacity,
                Boolean.parseBoolean(v.get("--learn")),
                Integer.parseInt(v.get("--partitions")),
                Integer.parseInt(v.get("--min")),
                Double.parseDouble(v.get("--headroom")),
                Integer.parseInt(v.get("--lag-target")),
                Integer.parseInt(v.get("--up-delay")),
                Integer.parseInt(v.get("--down-delay")),
                Integer.parseInt(v.get("--decide-every")),
                Integer.parseInt(v.get("--warmup")),
                new WalkTimes(
                        Long.parseLong(v.get("--walk-warmup")),
                        Long.parseLong(v.get("--fence")),
                        Long.parseLong(v.get("--barrier")),
                        Long.parseLong(v.get("--drain"))),
                commit,
                Long.parseLong(v.get("--keda-lag-threshold")),
                tuned.equals("auto") ? SimConfig.tunedThreshold(capacity, commit) : Long.parseLong(tuned),
                Double.parseDouble(v.get("--rebalance-stall")),
                SimConfig.HPA_SYNC_SECONDS,
                Integer.parseInt(v.get("--keda-max")),
                Long.parseLong(v.get("--seed")),
                Boolean.parseBoolean(v.get("--forecast")));
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
