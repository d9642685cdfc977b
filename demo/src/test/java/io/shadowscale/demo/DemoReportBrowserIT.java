package io.shadowscale.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.SlotName;
import io.shadowscale.testkit.keda.Walk;
import io.shadowscale.testkit.report.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's {@code report.html}, written by the report code from a small fixed day (not a demo
 * run), opened in a real headless Chromium: it renders without a console message, shows its four
 * charts and the cost panel, and no two walk labels overlap as the browser lays the text out.
 * The page and its screenshot stay in {@code target/report-in-browser/} to be looked at.
 */
class DemoReportBrowserIT {
    private static final Path DIR = Path.of("target", "report-in-browser");
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    /** Blue 1 -> green 2 at 20 s; green 2 -> blue 3 only 0.2 s after it finished; blue 3 -> green 1 at 45 s. */
    private static final List<Walk> WALKS = List.of(
            walk(1, 2, SlotName.BLUE, SlotName.GREEN, 20.0, 23.0),
            walk(2, 3, SlotName.GREEN, SlotName.BLUE, 23.2, 26.0),
            walk(3, 1, SlotName.BLUE, SlotName.GREEN, 45.0, 48.5));

    private static HeadlessChromium browser;

    @BeforeAll
    static void writeTheReport() throws Exception {
        // fails, naming what to install, when there is no browser: this test is never skipped
        browser = HeadlessChromium.find();
        DemoOptions options = DemoOptions.parse(
                List.of("--duration=60", "--base=2000", "--peak=6000", "--worker-capacity=3000", "--partitions=6"));
        report(options).write(DIR);
    }

    private static Walk walk(int from, int to, SlotName fromSlot, SlotName toSlot, double start, double end) {
        return new Walk(from, to, fromSlot, toSlot, at(start), Optional.of(at(end)), false);
    }

    private static Instant at(double seconds) {
        return ORIGIN.plusMillis(Math.round(seconds * 1000));
    }

    private static DemoReport report(DemoOptions options) {
        List<Second> seconds = new ArrayList<>();
        for (int t = 1; t <= 62; t++) {
            double asked = t <= 60 ? options.day().rateAt(t * 1000L) : 0;
            int blue = t <= 23 ? 1 : t <= 48 ? 3 : 0;
            int green = t >= 20 && t <= 26 ? 2 : t >= 45 ? 1 : 0;
            seconds.add(new Second(t, asked, asked, asked, blue, green, 100, "STEADY", 12, 40 + t, 80 + t));
        }
        List<String> transitions = List.of(
                "   20.0 s  STEADY       -> WARMING      resize 1 -> 2: grow",
                "   23.2 s  STEADY       -> WARMING      resize 2 -> 3: grow",
                "   45.0 s  STEADY       -> WARMING      resize 3 -> 1: shrink");
        long produced = options.day().totalRecords();
        return new DemoReport(
                options, seconds, WALKS, transitions, ORIGIN, produced, produced, 0, 0, new double[] {12, 55, 140});
    }

    @Test
    void theReportRendersWithNoConsoleMessageAndShowsItsChartsAndTheCostPanel() throws Exception {
        String written = Files.readString(DIR.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(written).doesNotContain("<script", "<link", "src=", "href=", "@import", "url(");

        HeadlessChromium.Rendering r =
                browser.render(DIR.resolve("report.html"), DIR.resolve("report.png"), 1400, 3000);

        assertThat(r.consoleMessages())
                .as("console of %s", DIR.resolve("report.html"))
                .isEmpty();
        assertThat(count(r.dom(), "<svg ")).isEqualTo(4);
        assertThat(r.dom())
                .contains(
                        ">Throughput</text>", ">Workers per slot</text>", ">#1 1\u21922</text>", ">#3 3\u21921</text>")
                .contains("<th>#</th>", "<td>2 -&gt; 3 (green -&gt; blue)</td>");
        String cost = r.dom().substring(r.dom().indexOf("<section id=\"cost\">"));
        cost = cost.substring(0, cost.indexOf("</section>"));
        assertThat(cost)
                .contains("<h2>Cost: replica-seconds of the day</h2>", "Replica-seconds of the day (replica-seconds)")
                .contains("<td>static, sized for the peak: ceil(6,000 / 3,000) = 2 workers all day</td>")
                .contains(">this run<", ">static peak fleet<", ">oracle<");
        assertThat(Files.size(r.screenshot())).isGreaterThan(20_000);
    }

    @Test
    void noTwoWalkLabelsOverlapAsTheBrowserLaysThemOut() throws Exception {
        // a copy of the page with a probe that measures every label's box and each chart's size
        String probe = "<script>const charts = [...document.querySelectorAll('svg')];"
                + "const shown = charts.filter(s => s.getBoundingClientRect().width > 0"
                + " && s.getBoundingClientRect().height > 0).length;"
                + "let labels = 0, overlaps = [];"
                + "charts.forEach((svg, c) => { const b = [...svg.querySelectorAll('text.marker-label')]"
                + ".map(t => t.getBBox()); labels += b.length;"
                + "for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) {"
                + " const p = b[i], q = b[j];"
                + " if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height)"
                + " overlaps.push(c + ':' + i + '/' + j); } });"
                + "document.body.insertAdjacentHTML('beforeend', '<pre id=\"probe\">charts shown ' + shown"
                + " + ', labels ' + labels + ', overlapping ' + JSON.stringify(overlaps) + '</pre>');</script>";
        String page = Files.readString(DIR.resolve("report.html"), StandardCharsets.UTF_8)
                .replace("</body>", probe + "</body>");
        Path probed = Files.writeString(DIR.resolve("report-probed.html"), page, StandardCharsets.UTF_8);

        HeadlessChromium.Rendering r = browser.render(probed, DIR.resolve("report-probed.png"), 1400, 3000);

        assertThat(r.consoleMessages()).isEmpty();
        assertThat(r.dom()).contains("<pre id=\"probe\">charts shown 4, labels 9, overlapping []</pre>");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
