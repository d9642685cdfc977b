package io.shadowscale.bench.load;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
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
import java.util.function.ToDoubleFunction;

/**
 * Writes a run's {@code summary.json}, {@code report.md} (side-by-side table, chart files under
 * {@code charts/}) and a self-contained {@code report.html}.
 */
public final class LoadReport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(double[].class, new NanAsNull()));

    /** Per-second series have NaN where a second had no record: written as JSON null. */
    private static final class NanAsNull extends StdSerializer<double[]> {
        NanAsNull() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray();
            for (double v : values) {
                if (Double.isFinite(v)) {
                    gen.writeNumber(v);
                } else {
                    gen.writeNull();
                }
            }
            gen.writeEndArray();
        }
    }

    /** Everything a run produced; {@code ceiling} is null unless the command was {@code ceiling}. */
    public record RunSummary(
            String command,
            String startedAt,
            String machine,
            Map<String, Object> settings,
            List<ScenarioResult> scenarios,
            Map<String, Object> ceiling) {}

    private LoadReport() {}

    /** The settings as plain JSON values. */
    public static Map<String, Object> settingsMap(LoadSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", s.rate());
        m.put("duration_s", s.durationSeconds());
        m.put("record_size", s.recordSize());
        m.put("partitions", s.partitions());
        m.put("cost_us", s.costMicros());
        m.put("members", s.members());
        m.put("scale_to", s.scaleTo());
        m.put("scale_up_at_s", s.scaleUpAt());
        m.put("scale_down_at_s", s.scaleDownAt());
        m.put("walks", s.walks());
        m.put("walk_every_s", s.walkEverySeconds());
        m.put("handoff", s.handoff());
        m.put("processor", s.processor());
        m.put("group_heartbeat_ms", s.groupHeartbeatMs());
        m.put("producer_threads", s.producerThreads());
        m.put("acks", s.acks());
        m.put("drain_timeout_s", s.drainTimeoutSeconds());
        m.put("scenarios", s.scenarios());
        m.put("probe_duration_s", s.probeDurationSeconds());
        m.put("event_window_s", "-" + ScenarioResult.WINDOW_BEFORE + "..+" + s.eventWindowSeconds());
        m.put("warmup_s", s.warmupSeconds());
        m.put("fetch_min_bytes", s.fetchMinBytes());
        m.put("fetch_max_wait_ms", s.fetchMaxWaitMs());
        return m;
    }

    public static void write(Path dir, RunSummary summary) throws IOException {
        Files.createDirectories(dir.resolve("charts"));
        JSON.writeValue(dir.resolve("summary.json").toFile(), summary);
        List<ScenarioResult> results = summary.scenarios();
        Table table = table(results);
        HtmlReport html = new HtmlReport("Shadowscale load: " + summary.command());
        StringBuilder md = new StringBuilder("# Shadowscale load: " + summary.command() + "\n\n");
        String info =
                "Started " + summary.startedAt() + " on " + summary.machine() + ". Settings: " + summary.settings();
        md.append(info).append("\n\n");
        html.paragraph(info);
        if (summary.ceiling() != null) {
            Table ceiling = ceilingTable(summary.ceiling());
            md.append("## Ceiling\n\n")
                    .append(ceiling.markdown())
                    .append('\n')
                    .append("Shadowscale / plain group: ")
                    .append(summary.ceiling().get("ratio_shadowscale_to_plain"))
                    .append("\n\n");
            html.heading("Ceiling")
                    .table(ceiling.rows())
                    .paragraph("Shadowscale / plain group: " + summary.ceiling().get("ratio_shadowscale_to_plain"));
        }
        md.append("## Side by side\n\n").append(table.markdown()).append('\n');
        md.append("Event window (seconds around each scale event): ")
                .append(summary.settings().get("event_window_s"))
                .append(". Latencies are end to end "
                        + "(send to processed), gaps are per partition while records were waiting.\n\n");
        html.heading("Side by side").table(table.rows());
        if (results.stream().anyMatch(r -> r.walkFigures().walks() > 0)) {
            Table walks = walkTable(results);
            md.append("## Over every event\n\n")
                    .append(walks.markdown())
                    .append('\n')
                    .append("Gap samples: per event and partition, the longest processing gap that ended between the "
                            + "event and the next one. Event second: the second of that window in which the longest "
                            + "gap "
                            + "ended; its p99 is against every other second's (one second either side left out).\n\n");
            html.heading("Over every event").table(walks.rows());
        }
        Table events = eventTable(results);
        if (events.size() > 0) {
            md.append("### Per event (each event's own window)\n\n")
                    .append(events.markdown())
                    .append('\n');
            html.heading("Per event").table(events.rows());
        }
        List<String> labels = results.stream().map(ScenarioResult::scenario).toList();
        Map<String, String> bars = new LinkedHashMap<>();
        bars.put(
                "throughput",
                SvgChart.bars(
                        "Sustained throughput", "msg/s", labels, values(results, ScenarioResult::throughputMsgsPerS)));
        bars.put(
                "event-p99",
                SvgChart.bars(
                        "Worst per-second p99 around events", "ms", labels, values(results, r -> nan(r.eventP99Ms()))));
        bars.put(
                "event-max",
                SvgChart.bars("Max latency around events", "ms", labels, values(results, r -> nan(r.eventMaxMs()))));
        bars.put(
                "event-gap",
                SvgChart.bars(
                        "Longest per-partition gap around events",
                        "ms",
                        labels,
                        values(results, r -> nan(r.eventGapMs()))));
        bars.put(
                "max-gap",
                SvgChart.bars(
                        "Longest per-partition gap (whole run)",
                        "ms",
                        labels,
                        values(results, ScenarioResult::maxPartitionGapMs)));
        bars.put("duplicates", SvgChart.bars("Duplicates", "records", labels, values(results, r -> r.duplicates())));
        if (results.stream().anyMatch(r -> r.walkFigures().walks() > 0)) {
            bars.put(
                    "gap-p99",
                    SvgChart.bars(
                            "Per-partition gap over every event: p99",
                            "ms",
                            labels,
                            values(results, r -> nan(r.walkFigures().gapP99Ms()))));
            bars.put(
                    "gap-max",
                    SvgChart.bars(
                            "Per-partition gap over every event: max",
                            "ms",
                            labels,
                            values(results, r -> nan(r.walkFigures().gapMaxMs()))));
        }
        md.append("## Charts\n\n");
        Charts charts = new Charts(dir, md, html);
        for (Map.Entry<String, String> e : bars.entrySet()) {
            charts.add(e.getKey(), e.getValue());
        }
        for (ScenarioResult r : results) {
            if (r.perSecond().out().length == 0) {
                continue;
            }
            md.append("### ").append(r.scenario()).append("\n\n");
            html.heading(r.scenario());
            ScenarioResult.PerSecond ps = r.perSecond();
            double[] x = new double[ps.out().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            SvgChart throughput = SvgChart.lines(r.scenario() + ": throughput", "s", "msg/s")
                    .series("in", x, toDouble(ps.in()))
                    .series("out", x, toDouble(ps.out()));
            charts.add(r, "throughput", throughput);
            SvgChart latency = SvgChart.lines(r.scenario() + ": per-second latency", "s", "ms")
                    .series("p99", x, ps.p99Ms())
                    .series("max", x, ps.maxMs())
                    .series("longest partition gap", x, ps.gapMs())
                    .logY();
            charts.add(r, "p99", latency);
            double[] replicas = new double[ps.replicas().length];
            for (int i = 0; i < replicas.length; i++) {
                replicas[i] = ps.replicas()[i] < 0 ? Double.NaN : ps.replicas()[i];
            }
            charts.add(
                    r,
                    "replicas",
                    SvgChart.lines(r.scenario() + ": members", "s", "members").step("members", x, replicas));
        }
        Files.writeString(dir.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
        html.write(dir.resolve("report.html"));
    }

    /** The side-by-side table: one row per scenario. */
    static Table table(List<ScenarioResult> results) {
        return Table.<ScenarioResult>columns()
                .add("scenario", ScenarioResult::scenario)
                .add("sustained msg/s", r -> String.format(Locale.ROOT, "%.0f", r.throughputMsgsPerS()))
                .add("steady p99 ms", r -> ScenarioRun.fmt(r.steadyP99Ms()))
                .add("event p99 ms", r -> ScenarioRun.fmt(r.eventP99Ms()))
                .add("event max ms", r -> ScenarioRun.fmt(r.eventMaxMs()))
                .add("event partition gap ms", r -> ScenarioRun.fmt(r.eventGapMs()))
                .add("max partition gap ms (run)", r -> String.format(Locale.ROOT, "%.1f", r.maxPartitionGapMs()))
                .add("duplicates", r -> String.valueOf(r.duplicates()))
                .add("lost", r -> String.valueOf(r.lost()))
                .add("note", r -> r.error() == null ? "" : r.error())
                .of(results);
    }

    /** The figures over every event of each scenario. */
    static Table walkTable(List<ScenarioResult> results) {
        return Table.<ScenarioResult>columns()
                .add("scenario", ScenarioResult::scenario)
                .add("events", r -> String.valueOf(r.walkFigures().walks()))
                .add("gap p50 ms", r -> ScenarioRun.fmt(r.walkFigures().gapP50Ms()))
                .add("gap p99 ms", r -> ScenarioRun.fmt(r.walkFigures().gapP99Ms()))
                .add("gap max ms", r -> ScenarioRun.fmt(r.walkFigures().gapMaxMs()))
                .add("event-second p99 ms", r -> ScenarioRun.fmt(r.walkFigures().eventSecondP99Ms()))
                .add(
                        "other seconds p99 ms",
                        r -> ScenarioRun.fmt(r.walkFigures().otherSecondsP99Ms()))
                .add("ratio", r -> ratio(r.walkFigures().eventP99Ratio()))
                .add("duplicates", r -> String.valueOf(r.duplicates()))
                .add("lost", r -> String.valueOf(r.lost()))
                .of(results);
    }

    /** One row per event of every scenario, each over its own window. */
    static Table eventTable(List<ScenarioResult> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("scenario", "event", "at s", "worst per-second p99 ms", "max ms", "longest partition gap ms"));
        for (ScenarioResult r : results) {
            for (ScenarioResult.EventFigures e : r.perEvent()) {
                rows.add(List.of(
                        r.scenario(),
                        e.event(),
                        String.format(Locale.ROOT, "%.1f", e.atS()),
                        ScenarioRun.fmt(e.p99Ms()),
                        ScenarioRun.fmt(e.maxMs()),
                        ScenarioRun.fmt(e.gapMs())));
            }
        }
        return Table.of(rows);
    }

    /** One row per pipeline and probe: rate, verdict, throughput, lag when production ended. */
    static Table ceilingTable(Map<String, Object> ceiling) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("pipeline", "sustained msg/s", "probe msg/s", "verdict", "processed msg/s", "lag at end"));
        for (Map.Entry<String, Object> e : ceiling.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> figure)) {
                continue;
            }
            if (figure.containsKey("error")) {
                rows.add(List.of(e.getKey(), "n/a", "", String.valueOf(figure.get("error")), "", ""));
                continue;
            }
            Object probes = figure.get("probes");
            if (probes instanceof List<?> list) {
                for (Object o : list) {
                    CeilingSearch.Probe p = (CeilingSearch.Probe) o;
                    rows.add(List.of(
                            e.getKey(),
                            String.valueOf(figure.get("sustained_rate")),
                            String.valueOf(p.rate()),
                            p.reason(),
                            String.format(Locale.ROOT, "%.0f", p.throughputMsgsPerS()),
                            String.valueOf(p.lagAtEnd())));
                }
            }
        }
        return Table.of(rows);
    }

    private static String ratio(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    /** Writes each chart to {@code charts/<name>.svg}, links it from the Markdown and inlines it in the HTML. */
    private record Charts(Path dir, StringBuilder md, HtmlReport html) {
        void add(String name, String svg) throws IOException {
            Files.writeString(dir.resolve("charts").resolve(name + ".svg"), svg, StandardCharsets.UTF_8);
            md.append("![").append(name).append("](charts/").append(name).append(".svg)\n\n");
            html.chart(svg);
        }

        /** {@code chart} of scenario {@code r}, its scale events marked, as {@code <scenario>-<kind>}. */
        void add(ScenarioResult r, String kind, SvgChart chart) throws IOException {
            for (Recorder.ScaleEvent e : r.events()) {
                chart.marker(e.atSeconds(), e.label());
            }
            add(r.scenario() + "-" + kind, chart.toSvg());
        }
    }

    private static double[] values(List<ScenarioResult> results, ToDoubleFunction<ScenarioResult> f) {
        return results.stream().mapToDouble(f).toArray();
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static double[] toDouble(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
