package io.shadowscale.demo;

import io.shadowscale.testkit.keda.Walk;
import io.shadowscale.testkit.report.HtmlReport;
import io.shadowscale.testkit.report.SvgChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the demo's report: {@code summary.md}, {@code report.html} (offline SVG charts of
 * throughput, replicas per slot and end-to-end latency, each walk marked where the new slot woke
 * and where the old one reached zero) and {@code seconds.csv}.
 *
 * @param options what was asked
 * @param seconds one entry per second of the run
 * @param walks the walks the local KEDA saw
 * @param transitions the controller's transition lines (time since start, from, to, reason)
 * @param origin when the day started
 * @param produced records produced
 * @param processed records processed (duplicates included)
 * @param duplicates sequence numbers processed more than once
 * @param missing sequence numbers never processed
 * @param overallLatency overall p50 / p99 / max end-to-end latency, ms
 */
public record DemoReport(
        DemoOptions options,
        List<Second> seconds,
        List<Walk> walks,
        List<String> transitions,
        Instant origin,
        long produced,
        long processed,
        long duplicates,
        long missing,
        double[] overallLatency) {

    /**
     * How the peak went: the seconds the curve asked for at least 90 % of the peak, how many of
     * them had an output within 5 % of the asked rate (or above), the longest such stretch and its
     * average output. Catch-up bursts after a stall are not counted as peak capacity.
     */
    public record PeakFigures(
            int peakSeconds, int keptUp, int longestStretch, double stretchFrom, double stretchAverage) {}

    public PeakFigures peak() {
        double threshold = 0.9 * options.day().peak();
        int peakSeconds = 0;
        int keptUp = 0;
        Stretch current = Stretch.NONE;
        Stretch best = Stretch.NONE;
        for (Second s : seconds) {
            boolean atPeak = s.asked() >= threshold && s.asked() > 0;
            boolean ok = atPeak && s.outputRate() >= 0.95 * s.asked();
            peakSeconds += atPeak ? 1 : 0;
            keptUp += ok ? 1 : 0;
            current = ok ? current.and(s) : Stretch.NONE;
            best = current.length() > best.length() ? current : best;
        }
        return new PeakFigures(peakSeconds, keptUp, best.length(), best.from(), best.average());
    }

    /** Consecutive seconds that kept up: how many, their output summed, the time of the last. */
    private record Stretch(int length, double outputSum, double lastT) {
        static final Stretch NONE = new Stretch(0, 0, 0);

        Stretch and(Second s) {
            return new Stretch(length + 1, outputSum + s.outputRate(), s.t());
        }

        double from() {
            return length == 0 ? 0 : lastT - length + 1;
        }

        double average() {
            return length == 0 ? 0 : outputSum / length;
        }
    }

    /** The report as Markdown: {@code summary.md}, and the text of {@code report.html}. */
    public String summary() {
        StringBuilder b = new StringBuilder("# Shadowscale demo\n\n").append(overview());
        parts().forEach(p -> b.append("## ")
                .append(p.heading())
                .append("\n\n")
                .append(p.markdown())
                .append('\n'));
        return b.append("Charts: `report.html`; every second: `seconds.csv`.\n").toString();
    }

    /** A titled part of the report, below the overview. */
    private record Part(String id, String heading, String markdown) {}

    private List<Part> parts() {
        return List.of(
                new Part("walks", "Walks seen by the local KEDA (new slot woken -> old slot at zero)", walksTable()),
                new Part("cost", "Cost: replica-seconds of the day", cost().markdown()),
                new Part(
                        "transitions", "Controller transitions", "```\n" + String.join("\n", transitions) + "\n```\n"));
    }

    /** The worker-seconds of the day against a static peak fleet and the oracle. */
    public CostPanel cost() {
        return CostPanel.of(seconds, options.day(), options.workerCapacity());
    }

    /** The day asked, then the run's figures as a list. */
    private String overview() {
        PeakFigures peak = peak();
        double maxOut = seconds.stream().mapToDouble(Second::outputRate).max().orElse(0);
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "Compressed day of %d s: %,.0f msg/s off-peak, %,.0f msg/s peak asked; "
                        + "%d partitions, %d-byte records, worker capacity %s, scale-up delay %d s, scale-down delay "
                        + "%d s, "
                        + "KEDA polling every %d s; processor: %s.%n%n",
                options.day().length().toSeconds(),
                options.day().base(),
                options.day().peak(),
                options.partitions(),
                options.recordSize(),
                options.workerCapacity() == 0
                        ? "learned"
                        : String.format(Locale.ROOT, "%,.0f msg/s", options.workerCapacity()),
                options.scaleUpDelay().toSeconds(),
                options.scaleDownDelay().toSeconds(),
                options.pollingInterval().toSeconds(),
                options.processor().equals("node")
                        ? "Node.js beside each worker (sidecar mode)"
                        : "Java, in the worker"));
        b.append(String.format(
                Locale.ROOT,
                "- peak: the curve asked >= 90 %% of %,.0f msg/s for %d s; the output kept"
                        + " within 5 %% of the asked rate (or above) in %d of them; longest such stretch %d s (from "
                        + "%.0f s),"
                        + " averaging %,.0f msg/s out%s%n",
                options.day().peak(),
                peak.peakSeconds(),
                peak.keptUp(),
                peak.longestStretch(),
                peak.stretchFrom(),
                peak.stretchAverage(),
                peak.keptUp() < peak.peakSeconds() ? " (not sustained through every peak second of the run)" : ""));
        b.append(String.format(
                Locale.ROOT,
                "- highest output in one second %,.0f msg/s (catching up after stalls counts"
                        + " here); the curve asks %,d records in all, %,d were produced%n",
                maxOut,
                options.day().totalRecords(),
                produced));
        b.append(String.format(
                Locale.ROOT,
                "- records: %,d produced, %,d processed, **%,d duplicates, %,d missing**%n",
                produced,
                processed,
                duplicates,
                missing));
        b.append(String.format(
                Locale.ROOT,
                "- end-to-end latency (send -> processed), whole run: p50 %.1f ms, " + "p99 %.1f ms, max %.1f ms%n",
                overallLatency[0],
                overallLatency[1],
                overallLatency[2]));
        int most = seconds.stream()
                .mapToInt(s -> Math.max(s.blue(), s.green()))
                .max()
                .orElse(0);
        b.append(String.format(Locale.ROOT, "- most workers in one slot: %d%n%n", most));
        return b.toString();
    }

    /** One row per walk; its number is the band's label on the charts. */
    private String walksTable() {
        if (walks.isEmpty()) {
            return "No walk: the pair kept its size all day.\n";
        }
        StringBuilder b =
                new StringBuilder("| # | walk | started at | took | worst p99 / max latency during the walk |\n"
                        + "| --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < walks.size(); i++) {
            Walk w = walks.get(i);
            double start = secondsSince(w.started());
            double end = w.finished().map(this::secondsSince).orElse(start);
            double[] worst = worstLatency(start, end + 1);
            b.append(String.format(
                    Locale.ROOT,
                    "| %d | %d -> %d (%s -> %s)%s | %.1f s | %s | %.1f / %.1f ms |%n",
                    i + 1,
                    w.from(),
                    w.to(),
                    w.fromSlot().label(),
                    w.toSlot().label(),
                    w.rolledBack() ? " rolled back" : "",
                    start,
                    w.duration()
                            .map(d -> String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1e3))
                            .orElse("unfinished"),
                    worst[0],
                    worst[1]));
        }
        return b.toString();
    }

    private double secondsSince(Instant at) {
        return Duration.between(origin, at).toMillis() / 1e3;
    }

    private double[] worstLatency(double from, double to) {
        double p99 = 0;
        double max = 0;
        for (Second s : seconds) {
            if (s.t() >= from && s.t() <= to) {
                p99 = Math.max(p99, s.p99Ms());
                max = Math.max(max, s.maxMs());
            }
        }
        return new double[] {p99, max};
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.md"), summary(), StandardCharsets.UTF_8);
        List<String> csv = new ArrayList<>(List.of(Second.CSV_HEADER));
        seconds.forEach(s -> csv.add(s.csv()));
        Files.write(dir.resolve("seconds.csv"), csv, StandardCharsets.UTF_8);
        double[] t = seconds.stream().mapToDouble(Second::t).toArray();
        SvgChart throughput = SvgChart.lines("Throughput", "s", "msg/s")
                .series("asked", t, seconds.stream().mapToDouble(Second::asked).toArray())
                .series(
                        "input",
                        t,
                        seconds.stream().mapToDouble(Second::inputRate).toArray())
                .series(
                        "output",
                        t,
                        seconds.stream().mapToDouble(Second::outputRate).toArray());
        SvgChart replicas = SvgChart.lines("Workers per slot", "s", "workers")
                .step("blue", t, seconds.stream().mapToDouble(Second::blue).toArray())
                .step("green", t, seconds.stream().mapToDouble(Second::green).toArray());
        List<Second> measured = seconds.stream().filter(s -> s.maxMs() >= 0).toList();
        double[] lt = measured.stream().mapToDouble(Second::t).toArray();
        SvgChart latency = SvgChart.lines("End-to-end latency per second (send -> processed)", "s", "ms")
                .series(
                        "p50",
                        lt,
                        measured.stream()
                                .mapToDouble(s -> Math.max(0.1, s.p50Ms()))
                                .toArray())
                .series(
                        "p99",
                        lt,
                        measured.stream()
                                .mapToDouble(s -> Math.max(0.1, s.p99Ms()))
                                .toArray())
                .series(
                        "max",
                        lt,
                        measured.stream()
                                .mapToDouble(s -> Math.max(0.1, s.maxMs()))
                                .toArray())
                .logY();
        for (SvgChart chart : List.of(throughput, replicas, latency)) {
            markWalks(chart);
        }
        HtmlReport html = new HtmlReport("Shadowscale demo")
                .markdown(overview())
                .paragraph("Shaded bands: the walks, from the new slot woken to the old slot at zero,"
                        + " numbered as in the table of walks below.")
                .chart(throughput.toSvg())
                .chart(replicas.toSvg())
                .chart(latency.toSvg());
        for (Part part : parts()) {
            html.section(part.id(), part.heading());
            if (part.id().equals("cost") && cost().comparable()) {
                html.chart(cost().barChart());
            }
            html.markdown(part.markdown());
        }
        html.write(dir.resolve("report.html"));
    }

    /** Each walk as a band labelled with its number and sizes (e.g. {@code #2 4→2}), in the table's order. */
    private void markWalks(SvgChart chart) {
        double last = seconds.isEmpty() ? 0 : seconds.get(seconds.size() - 1).t();
        for (int i = 0; i < walks.size(); i++) {
            Walk w = walks.get(i);
            double start = secondsSince(w.started());
            double end = w.finished().map(this::secondsSince).orElse(Math.max(start, last));
            chart.span(
                    start, end, "#" + (i + 1) + " " + w.from() + "\u2192" + w.to() + (w.rolledBack() ? " back" : ""));
        }
    }
}
