package io.shadowscale.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoReportTest {
    private static Second second(double t, double asked, double out) {
        return new Second(t, asked, out, out, 0, 12, 0, "STEADY", 5, 10, 20);
    }

    @Test
    void thePeakCountsOnlySecondsWhoseOutputKeptUpWithWhatWasAsked() {
        DemoOptions options = DemoOptions.parse(List.of("--base=10000", "--peak=100000", "--duration=60"));
        List<Second> seconds = new ArrayList<>(List.of(
                second(1, 50_000, 50_000), // not at peak
                second(2, 95_000, 96_000), // kept up
                second(3, 100_000, 40_000), // stalled
                second(4, 100_000, 300_000), // catching up: above asked counts as kept up
                second(5, 100_000, 95_000), // within 5 %
                second(6, 100_000, 94_000), // not within 5 %
                second(7, 92_000, 100_000)));
        DemoReport report = new DemoReport(
                options, seconds, List.of(), List.of(), Instant.EPOCH, 10, 10, 0, 0, new double[] {1, 2, 3});

        assertThat(report.peak()).isEqualTo(new DemoReport.PeakFigures(6, 4, 2, 4, 197_500));
        assertThat(report.summary()).contains("- records: 10 produced, 10 processed, **0 duplicates, 0 missing**");
    }
}
