package io.shadowscale.bench.scalerload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes {@code summary.json} (settings, every point, the growth fits) and {@code report.md} (one
 * table row per point, the growth, two charts under {@code charts/}: p99 latency vs pairs and Admin
 * calls per second vs pairs, one line per partition count).
 */
final class ScalerLoadReport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Everything the run produced. */
    record Summary(
            String command,
            String startedAt,
            Map<String, Object> machine,
            Map<String, Object> settings,
            List<PointResult> points,
            List<Map<String, String>> failures,
            List<Map<String, Object>> growth) {}

    private ScalerLoadReport() {}

    static Map<String, Object> settingsMap(ScalerLoadSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", s.pairs());
        m.put("partitions", s.partitions());
        m.put("topics", s.topicMode());
        m.put("shared_topics", s.sharedTopics());
        m.put("duration_s", s.durationSeconds());
        m.put("settle_timeout_s", s.settleTimeoutSeconds());
        m.put("polling_interval_s", s.pollingIntervalSeconds());
        m.put("hpa_interval_s", s.hpaIntervalSeconds());
        m.put("client_threads", s.clientThreads());
        m.put("streams", s.streams());
        m.put("rpc_deadline_s", s.rpcDeadlineSeconds());
        return m;
    }

    /**
     * Per partition count: a least-squares line of Admin calls/s, listOffsets partitions/s and p99
     * latency against pairs (needs two pair counts or more).
     */
    static List<Map<String, Object>> growth(List<PointResult> points) {
        List<Map<String, Object>> fits = new ArrayList<>();
        Map<Integer, List<PointResult>> byPartitions = points.stream()
                .collect(Collectors.groupingBy(PointResult::partitions, TreeMap::new, Collectors.toList()));
        byPartitions.forEach((partitions, list) -> {
            if (list.stream().map(PointResult::pairs).distinct().count() < 2) {
                return;
            }
            double[] x = list.stream().mapToDouble(PointResult::pairs).toArray();
            Map<String, Object> fit = new LinkedHashMap<>();
            fit.put("partitions", partitions);
            fit.put(
                    "admin_calls_per_s",
                    line(
                            x,
                            list.stream()
                                    .mapToDouble(PointResult::adminCallsPerSecond)
                                    .toArray()));
            fit.put(
                    "list_offsets_partitions_per_s",
                    line(
                            x,
                            list.stream()
                                    .mapToDouble(p -> items(p, "listOffsets"))
                                    .toArray()));
            fit.put(
                    "get_metrics_p99_ms",
                    line(
                            x,
                            list.stream()
                                    .mapToDouble(p -> p.p99(RpcStats.GET_METRICS))
                                    .toArray()));
            fit.put(
                    "controller_busy_fraction",
                    line(
                            x,
                            list.stream()
                                    .mapToDouble(p -> p.controller().get("busy_fraction"))
                                    .toArray()));
            fit.put(
                    "heap_mb",
                    line(
                            x,
                            list.stream()
                                    .mapToDouble(p -> p.heap().get("scaler_mb"))
                                    .toArray()));
            fits.add(fit);
        });
        return fits;
    }

    /** slope (per pair), intercept and r² of y against x. */
    static Map<String, Double> line(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("per_pair", slope);
        m.put("intercept", my - slope * mx);
        m.put("r2", sxx == 0 || syy == 0 ? 1.0 : sxy * sxy / (sxx * syy));
        return m;
    }

    @SuppressWarnings("unchecked")
    static double items(PointResult p, String method) {
        Map<String, Double> items = (Map<String, Double>) p.admin().get("items_per_s_by_method");
        return items.getOrDefault(method, 0.0);
    }

    @SuppressWarnings("unchecked")
    static double calls(PointResult p, String method) {
        Map<String, Double> calls = (Map<String, Double>) p.admin().get("calls_per_s_by_method");
        return calls.getOrDefault(method, 0.0);
    }

    static void write(Path dir, Summary summary) throws IOException {
        Files.createDirectories(dir.resolve("charts"));
        JSON.writeValue(dir.resolve("summary.json").toFile(), summary);
        Files.writeString(dir.resolve("charts/p99-vs-pairs.svg"), p99Chart(summary.points()), StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("charts/admin-vs-pairs.svg"), adminChart(summary.points()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), markdown(summary), StandardCharsets.UTF_8);
    }

    private static Map<Integer, List<PointResult>> byPartitions(List<PointResult> points) {
        Map<Integer, List<PointResult>> m = new TreeMap<>();
        points.forEach(
                p -> m.computeIfAbsent(p.partitions(), k -> new ArrayList<>()).add(p));
        m.values().forEach(l -> l.sort((a, b) -> Integer.compare(a.pairs(), b.pairs())));
        return m;
    }

    static String p99Chart(List<PointResult> points) {
        SvgChart chart = SvgChart.lines("p99 latency vs pairs (2 ScaledObjects per pair)", "pairs", "ms");
        byPartitions(points).forEach((partitions, list) -> {
            double[] x = list.stream().mapToDouble(PointResult::pairs).toArray();
            chart.series(
                    "GetMetrics, " + partitions + " p",
                    x,
                    list.stream().mapToDouble(p -> p.p99(RpcStats.GET_METRICS)).toArray());
            chart.series(
                    "IsActive, " + partitions + " p",
                    x,
                    list.stream().mapToDouble(p -> p.p99(RpcStats.IS_ACTIVE)).toArray());
        });
        return chart.toSvg();
    }

    static String adminChart(List<PointResult> points) {
        SvgChart chart = SvgChart.lines("Scaler's Kafka Admin calls per second vs pairs", "pairs", "calls/s");
        byPartitions(points)
                .forEach((partitions, list) -> chart.series(
                        partitions + " partitions/topic",
                        list.stream().mapToDouble(PointResult::pairs).toArray(),
                        list.stream()
                                .mapToDouble(PointResult::adminCallsPerSecond)
                                .toArray()));
        return chart.toSvg();
    }

    static String markdown(Summary s) {
        StringBuilder b = new StringBuilder();
        b.append("# Scaler load: one scaler, KEDA's cadence\n\n");
        b.append("Started ")
                .append(s.startedAt())
                .append("; machine ")
                .append(s.machine())
                .append("\n\n");
        b.append("Settings: ").append(s.settings()).append("\n\n");
        b.append("Each point: a fresh local broker, the real scaler (ScalerApp: PairController, Kafka Admin, gRPC ")
                .append("over loopback netty), every ScaledObject registered by GetMetricSpec, then KEDA's polls. ")
                .append("Figures are over the measured window, once every pair was STEADY.\n\n");
        b.append("| pairs | partitions/topic | topics | GetMetrics p50 / p99 / max ms | IsActive p50 / p99 / max ms ")
                .append("| RPC/s | errors | Admin calls/s | per pair | listOffsets partitions/s | controller busy ")
                .append("| scaler heap MB (per pair KB) | CPU % of cores (process) | settle s | load avg |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PointResult p : s.points()) {
            Map<String, Double> gm = p.rpc().get(RpcStats.GET_METRICS);
            Map<String, Double> ia = p.rpc().get(RpcStats.IS_ACTIVE);
            Object cpu = p.cpu().get("process_fraction_of_all_cores");
            b.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %d | %.2f / %.2f / %.1f | %.2f / %.2f / %.1f | %.0f | %d | %.1f | %.3f | %.0f | %.0f%% "
                            + "| %.1f (%.1f) | %s | %.1f | %.1f-%.1f |%n",
                    p.pairs(),
                    p.partitions(),
                    p.topics(),
                    gm.get("p50_ms"),
                    gm.get("p99_ms"),
                    gm.get("max_ms"),
                    ia.get("p50_ms"),
                    ia.get("p99_ms"),
                    ia.get("max_ms"),
                    gm.get("per_s") + ia.get("per_s"),
                    p.errors().values().stream().mapToLong(Long::longValue).sum(),
                    p.adminCallsPerSecond(),
                    ((Number) p.admin().get("calls_per_s_per_pair")).doubleValue(),
                    items(p, "listOffsets"),
                    p.controller().get("busy_fraction") * 100,
                    p.heap().get("scaler_mb"),
                    p.heap().get("per_pair_kb"),
                    cpu == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", ((Number) cpu).doubleValue() * 100),
                    ((Number) p.startup().get("settle_ms")).doubleValue() / 1000,
                    p.loadAverage().get("start"),
                    p.loadAverage().get("end")));
        }
        b.append(
                        "\n## Admin calls per second by method\n\n| pairs | partitions | calls/s by method | items/s by method |\n")
                .append("|---|---|---|---|\n");
        for (PointResult p : s.points()) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %s | %s |%n",
                    p.pairs(),
                    p.partitions(),
                    rounded(p.admin().get("calls_per_s_by_method")),
                    rounded(p.admin().get("items_per_s_by_method"))));
        }
        b.append("\n## Controller thread and CPU by thread group (CPU seconds per second)\n\n")
                .append("| pairs | partitions | controller task p50 / p99 / max ms | tasks/s | CPU by group |\n")
                .append("|---|---|---|---|---|\n");
        for (PointResult p : s.points()) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %.1f / %.1f / %.0f | %.1f | %s |%n",
                    p.pairs(),
                    p.partitions(),
                    p.controller().get("task_p50_ms"),
                    p.controller().get("task_p99_ms"),
                    p.controller().get("task_max_ms"),
                    p.controller().get("tasks_per_s"),
                    rounded(p.cpu().get("cpu_seconds_per_second_by_group"))));
        }
        b.append("\n## Startup (registration by GetMetricSpec until every pair STEADY)\n\n")
                .append("| pairs | partitions | topics created ms | GetMetricSpec for all ms | until all STEADY ms ")
                .append("| Admin calls during startup | errors before the window |\n|---|---|---|---|---|---|---|\n");
        for (PointResult p : s.points()) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %s | %s | %s | %s | %s |%n",
                    p.pairs(),
                    p.partitions(),
                    p.startup().get("topics_create_ms"),
                    p.startup().get("register_ms"),
                    p.startup().get("settle_ms"),
                    p.adminStartup(),
                    p.startupErrors()));
        }
        for (Map<String, String> f : s.failures()) {
            b.append("\nFailed: ")
                    .append(f.get("point"))
                    .append(": ")
                    .append(f.get("error"))
                    .append('\n');
        }
        if (!s.growth().isEmpty()) {
            b.append("\n## Growth with pairs (least squares per partition count: per pair, intercept, r²)\n\n")
                    .append("| partitions | Admin calls/s | listOffsets partitions/s | GetMetrics p99 ms ")
                    .append("| controller busy fraction | scaler heap MB |\n|---|---|---|---|---|---|\n");
            for (Map<String, Object> g : s.growth()) {
                b.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %s |%n",
                        g.get("partitions"),
                        fit(g.get("admin_calls_per_s")),
                        fit(g.get("list_offsets_partitions_per_s")),
                        fit(g.get("get_metrics_p99_ms")),
                        fit(g.get("controller_busy_fraction")),
                        fit(g.get("heap_mb"))));
            }
        }
        b.append(
                "\n![p99 vs pairs](charts/p99-vs-pairs.svg)\n\n![Admin calls/s vs pairs](charts/admin-vs-pairs.svg)\n");
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static String fit(Object o) {
        Map<String, Double> m = (Map<String, Double>) o;
        return String.format(
                Locale.ROOT, "%.4g/pair + %.3g (r² %.2f)", m.get("per_pair"), m.get("intercept"), m.get("r2"));
    }

    @SuppressWarnings("unchecked")
    private static String rounded(Object o) {
        Map<String, Double> m = (Map<String, Double>) o;
        return m.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
