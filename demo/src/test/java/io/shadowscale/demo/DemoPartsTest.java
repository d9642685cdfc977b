package io.shadowscale.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--base"))).hasMessage("argument '--base': has no value");
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
                .hasMessage("processor='go': expected one of [java, node]");
    }

    @Test
    void everyBadOptionIsReportedAtOnce() {
        assertThatThrownBy(() -> DemoOptions.parse(
                        List.of("--duration=5", "--peak=x", "--speed=2", "--base=200000", "--partitions=0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join(
                        "\n",
                        "argument '--speed=2': expected --name=value with name one of [duration, base, peak, "
                                + "partitions,"
                                + " record-size, worker-capacity, scale-up-delay, scale-down-delay, polling-interval, "
                                + "out, processor]",
                        "duration=5: expected an integer in [60, 3600]",
                        "peak='x': expected an integer in [0, 1000000]",
                        "partitions=0: expected an integer in [1, 256]"));
    }

    @Test
    void aPeakBelowTheBaseIsRefused() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--base=50000", "--peak=20000")))
                .hasMessage("peak=20000: expected >= base (50000)");
    }
}
