package io.shadowscale.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelLanesTest {
    @Test
    void labelsFarApartShareTheFirstRow() {
        int[] lanes = LabelLanes.assign(new double[] {0, 100, 200}, new double[] {50, 50, 50}, 4);

        assertThat(lanes).containsExactly(0, 0, 0);
        assertThat(LabelLanes.count(lanes)).isEqualTo(1);
    }

    @Test
    void labelsAtTheSamePlaceEachGetARowOfTheirOwn() {
        int[] lanes = LabelLanes.assign(new double[] {10, 10, 10}, new double[] {30, 30, 30}, 4);

        assertThat(lanes).containsExactly(0, 1, 2);
    }

    @Test
    void aLabelGoesBackToTheFirstRowThatHasRoomGivenInAnyOrder() {
        // by position: 0 (row 0), 20 (row 1, overlaps 0..40), 44 (row 0 again: 40 + gap 4 <= 44), 50 (row 1: 20..60
        // still taken, so row 2)
        int[] lanes = LabelLanes.assign(new double[] {44, 0, 50, 20}, new double[] {10, 40, 10, 40}, 4);

        assertThat(lanes).containsExactly(0, 0, 2, 1);
        assertThat(LabelLanes.count(lanes)).isEqualTo(3);
    }

    @Test
    void noLabelsUseNoRow() {
        assertThat(LabelLanes.count(LabelLanes.assign(new double[0], new double[0], 4)))
                .isZero();
    }

    @Test
    void rejectsPositionsAndWidthsOfUnequalLength() {
        assertThatThrownBy(() -> LabelLanes.assign(new double[] {1, 2}, new double[] {1}, 4))
                .hasMessage("2 positions but 1 widths");
    }
}
