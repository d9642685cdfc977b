package io.shadowscale.bench.fault;

import io.shadowscale.testkit.report.HtmlReport;
import io.shadowscale.testkit.report.SvgChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The report of a soak in its directory: {@code samples.csv} (one row per process and sample),
 * {@code summary.md} (the audit, per resource the start, middle and end value of every chart line
 * with its {@link Trend} verdict, the walks, the notes) and {@code report.html} (the same with one
 * chart per resource: minutes across, one line per process, the walks shaded).
 */
final class SoakReport {
    /** A resource charted: its title, unit, the least growth that counts ({@link Trend}) and its value in a sample. */
    record Resource(
            String id, String title, String unit, double floor, ToDoubleFunction<ResourceSampler.Sample> value) {}

    static final List<Resource> RESOURCES = List.of(
            new Resource("heap", "Heap used after GC", "MiB", 4, ResourceSampler.Sample::heapMib),
            new Resource("threads", "Live threads", "threads", 2, s -> s.threads()),
            new Resource("fds", "Open file descriptors", "fds", 8, s -> s.fds()));

    private SoakReport() {}

    /** Writes the three files into {@code settings.out()}. */
    static void write(SoakSettings settings, SoakResult result, String header) throws IOException {
        Files.createDirectories(settings.out());
        Files.writeString(settings.out().resolve("samples.csv"), csv(result), StandardCharsets.UTF_8);
        Files.writeString(settings.out().resolve("summary.md"), markdown(result, header), StandardCharsets.UTF_8);
        html(result, header).write(settings.out().resolve("report.html"));
    }

    static String csv(SoakResult result) {
        StringBuilder out = new StringBuilder("seconds,process,pid,heap_after_gc_mib,threads,fds\n");
        for (ResourceSampler.Sample s : result.samples()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%.1f,%s,%d,%s,%d,%d%n",
                    s.seconds(),
                    s.line(),
                    s.pid(),
                    Double.isNaN(s.heapMib()) ? "" : String.format(Locale.ROOT, "%.1f", s.heapMib()),
                    s.threads(),
                    s.fds()));
        }
        return out.toString();
    }

    /** The audit lines above the resources: what the header (command, machine, times) does not say. */
    static String audit(SoakResult r) {
        long ended = r.walks().stream().filter(w -> !w.open()).count();
        double longest = r.walks().stream()
                .filter(w -> !w.open())
                .mapToDouble(w -> w.endSeconds() - w.startSeconds())
                .max()
                .orElse(Double.NaN);
        return String.format(
                Locale.ROOT,
                "- **%s**: sent %,d, acknowledged %,d, lost %,d, still waiting %,d, duplicates %,d%n"
                        + "- walks: %d asked, %d ended (STEADY again), the longest in %.1f s%n",
                r.clean() ? "PASS" : "FAIL",
                r.sent(),
                r.acked(),
                r.lost(),
                r.waiting(),
                r.duplicates(),
                r.walks().size(),
                ended,
                longest);
    }

    static String markdown(SoakResult r, String header) {
        StringBuilder out = new StringBuilder(header).append('\n').append(audit(r));
        for (Resource resource : RESOURCES) {
            out.append("\n## ")
                    .append(resource.title())
                    .append(" (")
                    .append(resource.unit())
                    .append(")\n\n");
            out.append(table(r, resource));
        }
        out.append("\n## Walks\n\n").append(walks(r));
        out.append("\n## Notes\n\n");
        r.notes().forEach(n -> out.append("    ").append(n).append('\n'));
        return out.toString();
    }

    static HtmlReport html(SoakResult r, String header) {
        HtmlReport html = new HtmlReport("Soak");
        html.markdown(header.replaceFirst("^# .*\n", "") + "\n" + audit(r));
        for (Resource resource : RESOURCES) {
            html.section(resource.id(), resource.title() + " (" + resource.unit() + ")")
                    .chart(chart(r, resource))
                    .markdown(table(r, resource));
        }
        html.section("walks", "Walks").markdown(walks(r));
        html.section("notes", "Notes").code(String.join("\n", r.notes()));
        return html;
    }

    /** One line per process (seat) over the sample times, broken where the process is not there; walks shaded. */
    static String chart(SoakResult r, Resource resource) {
        double[] times = r.samples().stream()
                .mapToDouble(ResourceSampler.Sample::seconds)
                .distinct()
                .sorted()
                .toArray();
        double[] minutes = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            minutes[i] = times[i] / 60;
        }
        SvgChart chart = SvgChart.lines(resource.title(), "minutes", resource.unit());
        for (String line : lines(r)) {
            chart.segments(line, minutes, values(r, line, resource, times));
        }
        double last = times.length == 0 ? 0 : minutes[times.length - 1];
        for (SoakResult.Walk w : r.walks()) {
            chart.span(
                    w.startSeconds() / 60,
                    w.open() ? Math.max(last, w.startSeconds() / 60) : w.endSeconds() / 60,
                    w.label());
        }
        return chart.toSvg();
    }

    /** Per chart line: the start, middle and end value and the verdict, as a Markdown table. */
    static String table(SoakResult r, Resource resource) {
        StringBuilder out =
                new StringBuilder("| process | start | middle | end | verdict |\n|---|---:|---:|---:|---|\n");
        for (String line : lines(r)) {
            List<ResourceSampler.Sample> of = r.samples().stream()
                    .filter(s -> s.line().equals(line)
                            && Double.isFinite(resource.value().applyAsDouble(s)))
                    .toList();
            if (of.isEmpty()) {
                out.append("| ").append(line).append(" | - | - | - | no samples |\n");
                continue;
            }
            double mid = (of.get(0).seconds() + of.get(of.size() - 1).seconds()) / 2;
            ResourceSampler.Sample middle = of.stream()
                    .min(Comparator.comparingDouble(s -> Math.abs(s.seconds() - mid)))
                    .orElseThrow();
            double[] t = of.stream().mapToDouble(s -> s.seconds() / 60).toArray();
            double[] v = of.stream().mapToDouble(resource.value()).toArray();
            Trend trend = Trend.of(t, v, resource.floor(), resource.unit());
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s |%n",
                    line,
                    Trend.number(v[0]),
                    Trend.number(resource.value().applyAsDouble(middle)),
                    Trend.number(v[v.length - 1]),
                    trend.grows() ? "**" + trend.verdict() + "**" : trend.verdict()));
        }
        return out.toString();
    }

    static String walks(SoakResult r) {
        StringBuilder out = new StringBuilder(
                "| # | walk | asked at (min) | STEADY again after (s) | pair afterwards |\n|---:|---|---:|---:|---|\n");
        for (SoakResult.Walk w : r.walks()) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %.2f | %s | %s |%n",
                    w.number(),
                    w.label(),
                    w.startSeconds() / 60,
                    w.open() ? "not yet" : String.format(Locale.ROOT, "%.1f", w.endSeconds() - w.startSeconds()),
                    w.outcome()));
        }
        return out.toString();
    }

    /** The chart lines in order: the bench, the scaler, then the workers' seats as first seen. */
    static List<String> lines(SoakResult r) {
        List<String> lines = new ArrayList<>(List.of(SoakTargets.BENCH, SoakTargets.SCALER));
        r.samples().stream()
                .map(ResourceSampler.Sample::line)
                .distinct()
                .filter(l -> !lines.contains(l))
                .sorted()
                .forEach(lines::add);
        lines.removeIf(l -> r.samples().stream().noneMatch(s -> s.line().equals(l)));
        return lines;
    }

    private static double[] values(SoakResult r, String line, Resource resource, double[] times) {
        double[] y = new double[times.length];
        Arrays.fill(y, Double.NaN);
        for (ResourceSampler.Sample s : r.samples()) {
            if (s.line().equals(line)) {
                int i = Arrays.binarySearch(times, s.seconds());
                if (i >= 0) {
                    y[i] = resource.value().applyAsDouble(s);
                }
            }
        }
        return y;
    }
}
