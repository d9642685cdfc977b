package io.shadowscale.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.shadowscale.testkit.cli.BenchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class DemoPartsTest {
    private final DayCurve day = new DayCurve(15_000, 120_000, Duration.ofSeconds(100));

    @Test
    void theDayIsBaseAtNightPeakAtNoonAndHalfwayInTheMiddleOfEachRamp() {
        assertThat(day.rateAt(0)).isEqualTo(15_000);
        assertThat(day.rateAt(14_999)).isEqualTo(15_000);
        assertThat(day.rateAt(30_000)).isEqualTo(67_500, Offset.offset(1e-6));
        assertThat(day.rateAt(45_000)).isEqualTo(120_000);
        assertThat(day.rateAt(59_999)).isEqualTo(120_000);
        assertThat(day.rateAt(72_500)).isEqualTo(67_500, Offset.offset(1e-6));
        assertThat(day.rateAt(85_000)).isEqualTo(15_000);
        // integral: 30 s of base, 15 s of peak, 55 s of ramps averaging the midpoint
        assertThat(day.totalRecords()).isCloseTo(30 * 15_000L + 15 * 120_000L + 55 * 67_500L, Offset.offset(2_000L));
    }

    @Test
    void theTallyCountsSecondSightingsAsDuplicatesAndUnseenAsMissing() {
        SequenceTally tally = new SequenceTally(200);
        for (long s = 0; s < 150; s++) {
            assertThat(tally.mark(s)).isTrue();
        }
        assertThat(tally.mark(7)).isFalse();
        assertThat(tally.mark(64)).isFalse();
        assertThat(tally.mark(200)).isFalse();

        assertThat(tally.duplicates()).isEqualTo(2);
        assertThat(tally.outOfRange()).isEqualTo(1);
        assertThat(tally.missing(150)).isZero();
        assertThat(tally.missing(160)).isEqualTo(10);
    }

    @Test
    void takesBothOptionFormsAndNamesAMissingValue() {
        DemoOptions o = DemoOptions.parse(List.of("--duration", "90", "--peak=40000", "--out", "/tmp/d"));
        assertThat(o.day()).isEqualTo(new DayCurve(15_000, 40_000, Duration.ofSeconds(90)));
        assertThat(o.out()).isEqualTo(Path.of("/tmp/d"));
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--base")))
                .hasMessage("Missing required parameter for option '--base' (<base>)");
    }

    @Test
    void optionsDefaultToTheFourMinuteDayTo120k() {
        DemoOptions o = DemoOptions.parse(List.of());
        assertThat(o.day()).isEqualTo(new DayCurve(15_000, 120_000, Duration.ofSeconds(240)));
        assertThat(o.partitions()).isEqualTo(12);
        assertThat(o.out()).isEqualTo(Path.of("reports/demo"));
        assertThat(o.processor()).isEqualTo("java");
    }

    @Test
    void theProcessorIsJavaOrNode() {
        assertThat(DemoOptions.parse(List.of("--processor=node")).processor()).isEqualTo("node");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--processor=go")))
                .hasMessage("Invalid value for option '--processor': expected one of [java, node] but was 'go'");
    }

    @Test
    void everyBadOptionIsReportedAtOnce() {
        assertThatThrownBy(() -> DemoOptions.parse(
                        List.of("--duration=5", "--peak=x", "--speed=2", "--base=200000", "--partitions=0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join(
                        "\n",
                        "Invalid value for option '--peak': 'x' is not an int",
                        "Unknown option: '--speed=2'",
                        "Invalid value for option '--duration': expected a whole number in [60, 3600] but was 5",
                        "Invalid value for option '--partitions': expected a whole number in [1, 256] but was 0"));
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        DemoOptions.Line line = new DemoOptions.Line();

        OptionalInt code = BenchCli.parse(
                line, new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(code).hasValue(0);
        assertThat(out.toString()).startsWith("Usage: ./shadowscale demo [OPTIONS]\n");
        assertThat(BenchCli.defaults(line))
                .containsExactly(
                        entry("--duration", "240"),
                        entry("--base", "15000"),
                        entry("--peak", "120000"),
                        entry("--partitions", "12"),
                        entry("--record-size", "200"),
                        entry("--worker-capacity", "15000"),
                        entry("--scale-up-delay", "5"),
                        entry("--scale-down-delay", "20"),
                        entry("--polling-interval", "1"),
                        entry("--out", "reports/demo"),
                        entry("--processor", "java"));
        assertThat(BenchCli.defaultsShown(out.toString())).isEqualTo(BenchCli.defaults(line));
    }

    @Test
    void aBadValueExitsWithTwoNamingTheOption() {
        StringWriter err = new StringWriter();

        OptionalInt code = BenchCli.parse(
                new DemoOptions.Line(),
                new String[] {"--polling-interval=0"},
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(code).hasValue(2);
        assertThat(err.toString())
                .startsWith("demo: invalid options:\n"
                        + "  - Invalid value for option '--polling-interval': expected a whole number in [1, 60] "
                        + "but was 0\n"
                        + "Usage: ./shadowscale demo [OPTIONS]\n");
    }

    @Test
    void aPeakBelowTheBaseIsRefused() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--base=50000", "--peak=20000")))
                .hasMessage("--peak=20000: expected >= --base (50000)");
    }
}
