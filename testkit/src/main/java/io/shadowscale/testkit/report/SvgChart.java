package io.shadowscale.testkit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small, dependency-free SVG chart for reports that must open offline: line or step series over
 * a numeric x axis (usually seconds), optional vertical markers (cutovers, scale events), axes with
 * ticks, a legend. Also a grouped horizontal bar chart for side-by-side comparisons.
 *
 * <pre>{@code
 * String svg = SvgChart.lines("Throughput", "s", "msg/s")
 *         .series("input", xs, inputRates)
 *         .step("replicas", xs, replicas)
 *         .marker(42, "cutover 2->4")
 *         .toSvg();
 * }</pre>
 */
public final class SvgChart {
    private static final String[] PALETTE = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"
    };
    private static final int WIDTH = 900;
    private static final int HEIGHT = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 160;
    private static final int TOP = 34;
    private static final int BOTTOM = 40;
    /** Height of one row of marker labels above the plot. */
    private static final int LANE = 13;

    private static final int LABEL_FONT = 10;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private boolean logY;

    /** {@code gaps}: a non-finite y ends the line there and the next finite point starts a new one. */
    private record Series(String name, double[] x, double[] y, boolean step, boolean gaps) {}

    /** A vertical line ({@code to == from}) or a shaded band from {@code from} to {@code to}, labelled. */
    private record Marker(double from, double to, String label) {}

    private SvgChart(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title);
        this.xLabel = Objects.requireNonNull(xLabel);
        this.yLabel = Objects.requireNonNull(yLabel);
    }

    /** A chart of lines over a numeric x axis. */
    public static SvgChart lines(String title, String xLabel, String yLabel) {
        return new SvgChart(title, xLabel, yLabel);
    }

    /** Adds a line series; x and y must have the same length. */
    public SvgChart series(String name, double[] x, double[] y) {
        return add(name, x, y, false, false);
    }

    /**
     * Adds a line series that is broken where y is not finite (NaN): e.g. one line for several
     * processes in turn, without a line drawn across the time between them. {@link #series} joins
     * the points on either side of such a value instead.
     */
    public SvgChart segments(String name, double[] x, double[] y) {
        return add(name, x, y, false, true);
    }

    /** Adds a step series (the value holds until the next point): replica counts, phases. */
    public SvgChart step(String name, double[] x, double[] y) {
        return add(name, x, y, true, false);
    }

    /**
     * A vertical dashed line at {@code x}. Its label stands above the plot, in the first row where
     * it overlaps no other marker's label: labels never overlap, however close the markers are.
     */
    public SvgChart marker(double x, String label) {
        markers.add(new Marker(x, x, label));
        return this;
    }

    /** A shaded band from {@code from} to {@code to} (a walk, an outage), labelled above the plot like a marker. */
    public SvgChart span(double from, double to, String label) {
        if (to < from) {
            throw new IllegalArgumentException("span '" + label + "': ends at " + to + " before it starts at " + from);
        }
        markers.add(new Marker(from, to, label));
        return this;
    }

    /** Logarithmic y axis (values <= 0 are drawn at the bottom). */
    public SvgChart logY() {
        this.logY = true;
        return this;
    }

    private SvgChart add(String name, double[] x, double[] y, boolean step, boolean gaps) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone(), step, gaps));
        return this;
    }

    public String toSvg() {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = 0;
        double minPositiveY = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                minX = Math.min(minX, s.x[i]);
                maxX = Math.max(maxX, s.x[i]);
                if (Double.isFinite(s.y[i])) {
                    maxY = Math.max(maxY, s.y[i]);
                    if (s.y[i] > 0) {
                        minPositiveY = Math.min(minPositiveY, s.y[i]);
                    }
                }
            }
        }
        for (Marker m : markers) {
            minX = Math.min(minX, m.from);
            maxX = Math.max(maxX, m.to);
        }
        if (!Double.isFinite(minX)) {
            minX = 0;
            maxX = 1;
        }
        if (maxX <= minX) {
            maxX = minX + 1;
        }
        ChartAxis yAxis = logY
                ? ChartAxis.log(Double.isFinite(minPositiveY) ? minPositiveY : 1, Math.max(maxY, 1))
                : ChartAxis.linear(0, maxY <= 0 ? 1 : maxY);
        ChartAxis xAxis = ChartAxis.linear(minX, maxX, true);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        double[] labelLeft = new double[markers.size()];
        double[] labelWidth = new double[markers.size()];
        for (int i = 0; i < markers.size(); i++) {
            labelWidth[i] = LabelLanes.width(markers.get(i).label, LABEL_FONT);
            double px = LEFT + xAxis.position(markers.get(i).from) * plotW;
            labelLeft[i] = Math.max(0, Math.min(px, WIDTH - labelWidth[i]));
        }
        int[] lanes = LabelLanes.assign(labelLeft, labelWidth, 4);
        int top = TOP + LabelLanes.count(lanes) * LANE + 2;
        int height = top + plotH + BOTTOM;

        StringBuilder out = start(height, LEFT, title);
        // grid and y ticks
        for (double tick : yAxis.ticks()) {
            double py = top + plotH - yAxis.position(tick) * plotH;
            out.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n",
                    LEFT,
                    py,
                    LEFT + plotW,
                    py));
            out.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6,
                    py + 4,
                    format(tick)));
        }
        for (double tick : xAxis.ticks()) {
            double px = LEFT + xAxis.position(tick) * plotW;
            out.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>%n",
                    px,
                    top + plotH,
                    px,
                    top + plotH + 4));
            out.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px,
                    top + plotH + 16,
                    format(tick)));
        }
        out.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT,
                top,
                plotW,
                plotH));
        out.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotW / 2,
                height - 6,
                escape(xLabel)));
        out.append(String.format(
                Locale.ROOT,
                "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>%n",
                top + plotH / 2,
                top + plotH / 2,
                escape(yLabel)));
        // markers: a dashed line or a band, joined to its label in its row above the plot
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            double px = LEFT + xAxis.position(m.from) * plotW;
            double pxTo = LEFT + xAxis.position(m.to) * plotW;
            int labelY = TOP + lanes[i] * LANE + LABEL_FONT - 1;
            if (m.to > m.from) {
                out.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#444\" fill-opacity=\"0.1\"/>%n",
                        px,
                        top,
                        Math.max(1, pxTo - px),
                        plotH));
            }
            for (double x : m.to > m.from ? new double[] {px, pxTo} : new double[] {px}) {
                out.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444\""
                                + " stroke-dasharray=\"4 3\"/>%n",
                        x,
                        top,
                        x,
                        top + plotH));
            }
            out.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbb\"/>%n",
                    px,
                    labelY + 2,
                    px,
                    top));
            out.append(String.format(
                    Locale.ROOT,
                    "<text class=\"marker-label\" x=\"%.1f\" y=\"%d\" font-size=\"%d\" fill=\"#444\">%s</text>%n",
                    labelLeft[i],
                    labelY,
                    LABEL_FONT,
                    escape(m.label)));
        }
        // series
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            String color = PALETTE[s % PALETTE.length];
            StringBuilder path = new StringBuilder();
            double lastPy = Double.NaN;
            boolean broken = false;
            for (int i = 0; i < ser.x.length; i++) {
                if (!Double.isFinite(ser.y[i])) {
                    broken = ser.gaps;
                    continue;
                }
                double px = LEFT + xAxis.position(ser.x[i]) * plotW;
                double py = top + plotH - yAxis.position(ser.y[i]) * plotH;
                if (broken && path.length() > 0) {
                    path.append(String.format(Locale.ROOT, " M%.1f %.1f", px, py));
                } else if (path.length() == 0) {
                    path.append(String.format(Locale.ROOT, "M%.1f %.1f", px, py));
                } else if (ser.step) {
                    path.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", px, lastPy, px, py));
                } else {
                    path.append(String.format(Locale.ROOT, " L%.1f %.1f", px, py));
                }
                lastPy = py;
                broken = false;
            }
            if (path.length() > 0) {
                out.append(String.format(
                        Locale.ROOT,
                        "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                        path,
                        color));
            }
            int ly = top + 10 + s * 16;
            out.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    LEFT + plotW + 10,
                    ly,
                    LEFT + plotW + 26,
                    ly,
                    color));
            out.append(String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 30, ly + 4, escape(ser.name)));
        }
        out.append("</svg>\n");
        return out.toString();
    }

    /**
     * A horizontal bar chart: one bar per label, for comparing one figure across scenarios.
     */
    public static String bars(String title, String unit, List<String> labels, double[] values) {
        if (labels.size() != values.length) {
            throw new IllegalArgumentException(labels.size() + " labels but " + values.length + " values");
        }
        int rowH = 22;
        int height = TOP + labels.size() * rowH + 20;
        int labelW = 230;
        int plotW = WIDTH - labelW - 120;
        double max = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        max = max <= 0 ? 1 : max;
        StringBuilder out = start(height, 10, title + " (" + unit + ")");
        for (int i = 0; i < labels.size(); i++) {
            int y = TOP + i * rowH;
            double w = Double.isFinite(values[i]) ? values[i] / max * plotW : 0;
            out.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    labelW - 8,
                    y + 14,
                    escape(labels.get(i))));
            out.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    labelW,
                    y + 3,
                    w,
                    rowH - 6,
                    PALETTE[i % PALETTE.length]));
            out.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
                    labelW + w + 6,
                    y + 14,
                    Double.isFinite(values[i]) ? format(values[i]) : "n/a"));
        }
        out.append("</svg>\n");
        return out.toString();
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 1_000_000) {
            return trim(String.format(Locale.ROOT, "%.2fM", v / 1_000_000));
        }
        if (a >= 10_000) {
            return trim(String.format(Locale.ROOT, "%.1fk", v / 1_000));
        }
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return trim(String.format(Locale.ROOT, "%.2f", v));
    }

    /** A chart's opening, {@code height} px high: the svg element, a white background, the title at {@code titleX}. */
    private static StringBuilder start(int height, int titleX, String title) {
        StringBuilder out = new StringBuilder(8192);
        out.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH,
                height,
                WIDTH,
                height));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                titleX,
                escape(title)));
        return out;
    }

    private static String trim(String s) {
        return s.replaceAll("\\.0+([kM]?)$", "$1").replaceAll("(\\.\\d*?)0+([kM]?)$", "$1$2");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
