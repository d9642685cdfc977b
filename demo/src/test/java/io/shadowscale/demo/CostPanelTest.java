package io.shadowscale.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostPanelTest {
    private static final DayCurve DAY = new DayCurve(2_000, 6_000, Duration.ofSeconds(4));

    private static Second second(double t, double asked, int blue, int green) {
        return new Second(t, asked, asked, asked, blue, green, 0, "STEADY", 1, 2, 3);
    }

    @Test
    void countsTheDaysReplicaSecondsAgainstAStaticPeakFleetAndTheOracle() {
        List<Second> seconds = List.of(
                second(1, 2_000, 1, 0), // oracle 1
                second(2, 4_500, 1, 2), // a walk: both slots run; oracle 2
                second(3, 6_000, 0, 2), // oracle 2
                second(4, 2_000, 0, 2), // oracle 1
                second(5, 0, 0, 2)); // the drain after the day: not counted

        CostPanel cost = CostPanel.of(seconds, DAY, 3_000);

        assertThat(cost).isEqualTo(new CostPanel(8, 8, 6, 2, 4, 3_000, 6_000));
        assertThat(cost.usedToStatic()).isEqualTo(1.0);
        assertThat(cost.usedToOracle()).isEqualTo(8.0 / 6);
        assertThat(cost.markdown())
                .isEqualTo("| fleet | replica-seconds | this run / fleet |\n| --- | --- | --- |\n"
                        + "| this run: both slots, as they ran | 8 | 1.00 |\n"
                        + "| static, sized for the peak: ceil(6,000 / 3,000) = 2 workers all day | 8 | 1.00 |\n"
                        + "| oracle: each second ceil(asked rate / 3,000) workers | 6 | 1.33 |\n\n"
                        + "Over the 4 s of the day (the drain after it not counted) this run used 1.00 x the"
                        + " replica-seconds of the static peak fleet and 1.33 x those of the oracle.\n");
    }

    @Test
    void aLateSampleWeighsTheTimeItCovered() {
        // the sampler stalled: the second sample came 2.5 s after the first
        List<Second> seconds = List.of(second(1, 2_000, 1, 0), second(3.5, 6_000, 2, 0), second(4, 2_000, 1, 0));

        CostPanel cost = CostPanel.of(seconds, DAY, 3_000);

        assertThat(cost.used()).isEqualTo(1 * 1 + 2 * 2.5 + 1 * 0.5);
        assertThat(cost.oracle()).isEqualTo(1 * 1 + 2 * 2.5 + 1 * 0.5);
        assertThat(cost.staticFleet()).isEqualTo(2 * 4.0);
        // the bars show the figures as the table rounds them: 6.5 -> 7, as "%,.0f" does
        assertThat(cost.barChart()).contains(">7<", ">8<").doesNotContain("6.5");
        assertThat(cost.markdown()).contains("| this run: both slots, as they ran | 7 | 1.00 |");
    }

    @Test
    void withALearnedCapacityOnlyTheUsedFigureIsGiven() {
        CostPanel cost = CostPanel.of(List.of(second(1, 2_000, 3, 0)), DAY, 0);

        assertThat(cost.comparable()).isFalse();
        assertThat(cost.markdown())
                .isEqualTo("The demo used 3 replica-seconds over the 1 s of the day. The worker capacity was learned,"
                        + " not configured: the static and oracle fleets need `--worker-capacity`.\n");
    }
}
