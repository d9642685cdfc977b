package io.shadowscale.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartTest {
    @Test
    void drawsEverySeriesMarkerAndLegend() {
        String svg = SvgChart.lines("Throughput & replicas", "s", "msg/s")
                .series("input", new double[] {0, 1, 2}, new double[] {10, 120_000, 50})
                .step("replicas", new double[] {0, 1, 2}, new double[] {2, 4, 4})
                .marker(1.5, "cutover 2->4")
                .toSvg();
        assertThat(svg).startsWith("<svg ").endsWith("</svg>\n");
        assertThat(svg)
                .contains("Throughput &amp; replicas", ">input<", ">replicas<", "cutover 2-&gt;4", "100k", "150k");
        assertThat(svg.split("<path ", -1)).hasSize(3);
    }

    /** A marker label as drawn: its box from the text's x, y (baseline) and estimated width. */
    private record Label(String text, double x, double y) {
        boolean overlaps(Label o) {
            double w = LabelLanes.width(text, 10);
            double ow = LabelLanes.width(o.text, 10);
            boolean apartX = x + w <= o.x || o.x + ow <= x;
            boolean apartY = y + 2 <= o.y - 10 || o.y + 2 <= y - 10;
            return !(apartX || apartY);
        }
    }

    private static List<Label> markerLabels(String svg) {
        Matcher m = Pattern.compile("<text class=\"marker-label\" x=\"([0-9.]+)\" y=\"([0-9.]+)\"[^>]*>([^<]*)</text>")
                .matcher(svg);
        List<Label> labels = new ArrayList<>();
        while (m.find()) {
            labels.add(new Label(m.group(3), Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))));
        }
        return labels;
    }

    @Test
    void markerLabelsNeverOverlapHoweverCloseTheMarkers() {
        SvgChart chart =
                SvgChart.lines("Workers", "s", "workers").step("blue", new double[] {0, 100}, new double[] {2, 2});
        for (int i = 0; i < 8; i++) {
            chart.span(40 + i * 0.1, 41 + i * 0.1, "#" + (i + 1) + " 2\u21924");
            chart.marker(40.05 + i * 0.1, "wake green " + i);
        }
        chart.marker(99.9, "at the right edge");
        String svg = chart.toSvg();

        List<Label> labels = markerLabels(svg);
        assertThat(labels).hasSize(17);
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertThat(labels.get(i).overlaps(labels.get(j)))
                        .as("%s and %s", labels.get(i), labels.get(j))
                        .isFalse();
            }
        }
        assertThat(labels)
                .allSatisfy(
                        l -> assertThat(l.x() + LabelLanes.width(l.text(), 10)).isLessThanOrEqualTo(900));
        // 16 labels at one place take 16 rows above the plot: the chart grows by 16 x 13 units
        assertThat(svg)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"" + (320 + 2 + 16 * 13)
                        + "\"");
    }

    @Test
    void aSpanIsABandBetweenTwoDashedLines() {
        String svg = SvgChart.lines("t", "s", "y")
                .series("a", new double[] {0, 10}, new double[] {1, 1})
                .span(2, 4, "#1 2\u21924")
                .toSvg();

        assertThat(svg).contains("fill-opacity=\"0.1\"", ">#1 2\u21924</text>");
        assertThat(svg.split("stroke-dasharray", -1)).hasSize(3);
    }

    @Test
    void segmentsBreakTheLineAtANanWhereASeriesJoinsIt() {
        double[] x = {0, 1, 2, 3};
        double[] y = {1, 1, Double.NaN, 2};

        String broken = SvgChart.lines("t", "s", "y").segments("a", x, y).toSvg();
        String joined = SvgChart.lines("t", "s", "y").series("a", x, y).toSvg();

        assertThat(broken).contains("<path d=\"M70.0 159.0 L293.3 159.0 M740.0 36.0\" fill=\"none\"");
        assertThat(joined).contains("<path d=\"M70.0 159.0 L293.3 159.0 L740.0 36.0\" fill=\"none\"");
    }

    @Test
    void rejectsASpanThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> SvgChart.lines("t", "x", "y").span(5, 4, "w"))
                .hasMessage("span 'w': ends at 4.0 before it starts at 5.0");
    }

    @Test
    void rejectsSeriesOfUnequalLength() {
        assertThatThrownBy(() -> SvgChart.lines("t", "x", "y").series("s", new double[] {1}, new double[] {1, 2}))
                .hasMessage("series 's': 1 x values but 2 y values");
    }

    @Test
    void barsScaleToTheLargestValue() {
        String svg = SvgChart.bars("Longest gap", "ms", List.of("shadowscale", "eager"), new double[] {12, 2800});
        assertThat(svg).contains(">shadowscale<", ">eager<", ">2800<", ">12<");
    }

    @Test
    void formatsNumbersCompactly() {
        assertThat(SvgChart.format(120_000)).isEqualTo("120k");
        assertThat(SvgChart.format(1_500_000)).isEqualTo("1.5M");
        assertThat(SvgChart.format(0.25)).isEqualTo("0.25");
        assertThat(SvgChart.format(42)).isEqualTo("42");
    }
}
