package io.shadowscale.bench.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shadowscale.common.Table;
import io.shadowscale.testkit.report.HtmlReport;
import io.shadowscale.testkit.report.SvgChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes results.json, results.md, index.html and one SVG chart per trace into the output directory. */
public final class Report {
    private Report() {}

    /** One trace's outcome and runs (for the charts). */
    public record Section(Trace trace, Outcome outcome, List<Simulator.Run> runs) {}

    public static void write(Path dir, String command, SimConfig config, List<Section> sections) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("config", config);
        List<Outcome> outcomes = new ArrayList<>();
        for (Section s : sections) {
            outcomes.add(s.outcome());
        }
        json.put("traces", outcomes);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("results.json").toFile(), json);

        StringBuilder md = new StringBuilder("# Shadowscale cost simulation\n\n`" + command + "`\n\n");
        HtmlReport html = new HtmlReport("Shadowscale cost simulation").code(command);
        html.paragraph(String.format(
                Locale.ROOT,
                "Worker capacity %s records/s (provisional until the load harness measures it), "
                        + "%d partitions, %s, headroom %.0f%%, lag target %d s, KEDA pod start %d s, KEDA rebalance "
                        + "stall %.1f s.",
                fmt(config.workerCapacity()),
                config.partitions(),
                walkTimes(config.walk()),
                config.headroom() * 100,
                config.lagTargetSeconds(),
                config.warmupSeconds(),
                config.rebalanceStallSeconds()));
        for (Section s : sections) {
            Outcome o = s.outcome();
            md.append(String.format(
                    Locale.ROOT,
                    "## %s (%.0f h, peak %s/s, %.1f off-peak hours)%n%n",
                    o.trace(),
                    o.hours(),
                    fmt(o.peak()),
                    o.offPeakHours()));
            Table table = table(o);
            md.append(table.markdown()).append('\n');
            for (Outcome.Target t : o.targets()) {
                md.append("- ")
                        .append(t.met() ? "MET" : "MISSED")
                        .append(": ")
                        .append(t.what())
                        .append(" (")
                        .append(t.detail())
                        .append(")\n");
            }
            o.notes().forEach(n -> md.append("- note: ").append(n).append('\n'));
            String[] charts = charts(s);
            md.append('\n');
            String[] kinds = {"traffic", "workers", "lag"};
            for (int c = 0; c < kinds.length; c++) {
                String chartFile = "chart-" + o.trace() + "-" + kinds[c] + ".svg";
                Files.writeString(dir.resolve(chartFile), charts[c], StandardCharsets.UTF_8);
                md.append("![")
                        .append(o.trace())
                        .append(' ')
                        .append(kinds[c])
                        .append("](")
                        .append(chartFile)
                        .append(")\n");
            }
            Files.writeString(dir.resolve("minutes-" + o.trace() + ".csv"), perMinute(s), StandardCharsets.UTF_8);
            Files.write(
                    dir.resolve("decisions-" + o.trace() + ".txt"),
                    s.runs().stream()
                            .filter(r -> r.name().equals("shadowscale"))
                            .flatMap(r -> r.decisions().stream())
                            .toList(),
                    StandardCharsets.UTF_8);
            md.append("\nPer minute: [minutes-")
                    .append(o.trace())
                    .append(".csv](minutes-")
                    .append(o.trace())
                    .append(".csv); Shadowscale's resizes: [decisions-")
                    .append(o.trace())
                    .append(".txt](decisions-")
                    .append(o.trace())
                    .append(".txt)\n");
            md.append('\n');
            html.heading(o.trace()
                    + String.format(Locale.ROOT, " (peak %s/s, %.1f off-peak hours)", fmt(o.peak()), o.offPeakHours()));
            html.table(table.rows());
            for (Outcome.Target t : o.targets()) {
                html.paragraph((t.met() ? "MET: " : "MISSED: ") + t.what() + " (" + t.detail() + ")");
            }
            o.notes().forEach(n -> html.paragraph("Note: " + n));
            html.chart(charts[0]).chart(charts[1]).chart(charts[2]);
        }
        Files.writeString(dir.resolve("results.md"), md, StandardCharsets.UTF_8);
        html.write(dir.resolve("index.html"));
    }

    /** One row per strategy of {@code o}. */
    static Table table(Outcome o) {
        return Table.<Outcome.Figures>columns()
                .add("strategy", Outcome.Figures::name)
                .add("replica-h", f -> num(f.replicaHours(), 1))
                .add("off-peak replica-h", f -> num(f.offPeakReplicaHours(), 1))
                .add("saving", f -> num(f.savingPercent(), 1) + "%")
                .add("off-peak saving", f -> num(f.offPeakSavingPercent(), 1) + "%")
                .add("x oracle", f -> num(f.oracleRatio(), 3))
                .add("max lag", f -> fmt(f.maxLagRecords()))
                .add("p99 lag", f -> fmt(f.p99LagRecords()))
                .add("max lag s", f -> num(f.maxLagSeconds(), 1))
                .add("p99 lag s", f -> num(f.p99LagSeconds(), 1))
                .add("min over target", f -> num(f.minutesOverLagTarget(), 1))
                .add("scale events", f -> String.valueOf(f.scaleEvents()))
                .add("stall s", f -> num(f.stallSeconds(), 2))
                .of(o.strategies());
    }

    /** Traffic, replicas and lag charts, per minute (mean traffic, most replicas, worst lag). */
    private static String[] charts(Section s) {
        int minutes = (s.trace().seconds() + 59) / 60;
        double[] x = new double[minutes];
        double[] traffic = new double[minutes];
        for (int m = 0; m < minutes; m++) {
            x[m] = m / 60.0;
            int from = m * 60;
            int to = Math.min(from + 60, s.trace().seconds());
            double sum = 0;
            for (int t = from; t < to; t++) {
                sum += s.trace().rate(t);
            }
            traffic[m] = sum / (to - from);
        }
        SvgChart replicas = SvgChart.lines(s.trace().name() + ": workers billed (max per minute)", "hour", "workers");
        SvgChart lag = SvgChart.lines(
                        s.trace().name() + ": lag (max per minute, log scale)", "hour", "s the oldest record waited")
                .logY();
        for (Simulator.Run run : s.runs()) {
            double[] workers = new double[minutes];
            double[] lagSeconds = new double[minutes];
            double[] ages = Outcome.ageSeconds(s.trace(), run.backlog());
            for (int t = 0; t < s.trace().seconds(); t++) {
                int m = t / 60;
                workers[m] = Math.max(workers[m], run.billed()[t]);
                lagSeconds[m] = Math.max(lagSeconds[m], ages[t]);
            }
            replicas.step(run.name(), x, workers);
            lag.series(run.name(), x, lagSeconds);
        }
        String trafficSvg = SvgChart.lines(s.trace().name() + ": input (mean per minute)", "hour", "records/s")
                .series("input", x, traffic)
                .toSvg();
        return new String[] {trafficSvg, replicas.toSvg(), lag.toSvg()};
    }

    /**
     * One row per minute: the mean input, then for each strategy the most workers billed and the
     * worst lag in seconds during the minute.
     */
    static String perMinute(Section s) {
        int seconds = s.trace().seconds();
        StringBuilder out = new StringBuilder("minute,input_per_s");
        List<double[]> ages = new ArrayList<>();
        for (Simulator.Run run : s.runs()) {
            out.append(',')
                    .append(run.name())
                    .append("_workers,")
                    .append(run.name())
                    .append("_lag_s");
            ages.add(Outcome.ageSeconds(s.trace(), run.backlog()));
        }
        out.append('\n');
        for (int from = 0; from < seconds; from += 60) {
            int to = Math.min(from + 60, seconds);
            double sum = 0;
            for (int t = from; t < to; t++) {
                sum += s.trace().rate(t);
            }
            out.append(from / 60).append(',').append(num(sum / (to - from), 0));
            for (int r = 0; r < s.runs().size(); r++) {
                int workers = 0;
                double lag = 0;
                for (int t = from; t < to; t++) {
                    workers = Math.max(workers, s.runs().get(r).billed()[t]);
                    lag = Math.max(lag, ages.get(r)[t]);
                }
                out.append(',').append(workers).append(',').append(num(lag, 1));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** "walk: warm-up 10.5 s, fence 30 ms, barrier 100 ms, drain 1000 ms". */
    static String walkTimes(WalkTimes w) {
        return String.format(
                Locale.ROOT,
                "walk: warm-up %.1f s, fence %d ms, barrier %d ms, drain %d ms",
                w.warmupMillis() / 1000.0,
                w.fenceMillis(),
                w.barrierMillis(),
                w.drainMillis());
    }

    static String fmt(double v) {
        if (Math.abs(v) >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2fM", v / 1_000_000);
        }
        if (Math.abs(v) >= 1_000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1_000);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
