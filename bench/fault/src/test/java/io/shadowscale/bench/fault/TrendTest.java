package io.shadowscale.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TrendTest {
    /** Samples every half minute over {@code minutes}. */
    private static double[] times(int minutes) {
        double[] t = new double[minutes * 2 + 1];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 0.5;
        }
        return t;
    }

    private static double[] values(double[] t, DoubleUnaryOperator f) {
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = f.applyAsDouble(t[i]);
        }
        return v;
    }

    @Test
    void aSteadyLineIsFlat() {
        double[] t = times(30);

        Trend trend = Trend.of(t, values(t, x -> 40 + (Math.round(x * 2) % 2 == 0 ? 3 : -3)), 4, "MiB");

        assertThat(trend.grows()).isFalse();
        assertThat(trend.verdict()).isEqualTo("flat");
    }

    @Test
    void aLineRisingThroughoutGrowsByItsSlopePerHour() {
        double[] t = times(30);

        Trend trend = Trend.of(t, values(t, x -> 100 + 2 * x), 4, "MiB");

        assertThat(trend.grows()).isTrue();
        assertThat(trend.perHour()).isCloseTo(120, Offset.offset(1e-6));
        assertThat(trend.verdict()).isEqualTo("grows by 120 MiB per hour");
    }

    @Test
    void aRiseOnlyInTheFirstHalfIsWarmUpAndFlat() {
        double[] t = times(30);

        Trend trend = Trend.of(t, values(t, x -> x < 5 ? 20 + 4 * x : 40), 2, "threads");

        assertThat(trend.grows()).isFalse();
        assertThat(trend.verdict()).isEqualTo("flat");
    }

    @Test
    void aRiseBelowTheFloorIsFlat() {
        double[] t = times(30);

        // 0.1 per minute: 1.5 over the second half, below the floor of 2
        assertThat(Trend.of(t, values(t, x -> 30 + 0.1 * x), 2, "threads").verdict())
                .isEqualTo("flat");
    }

    @Test
    void gapsAreSkippedAndTooFewSamplesGiveNoVerdict() {
        double[] t = {0, 1, 2, 3, 4};
        double[] v = {1, Double.NaN, Double.NaN, 2, 3};

        assertThat(Trend.of(t, v, 1, "fds").verdict()).isEqualTo("too few samples");
    }
}
