package io.shadowscale.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
