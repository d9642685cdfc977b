package io.shadowscale.bench.load.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.Transition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkReportTest {
    private static final long NONE = HandoffProbe.NONE;

    private static Transition t(long ms, PairPhase from, PairPhase to, String why) {
        return new Transition(Instant.ofEpochMilli(ms), 1, from, to, why);
    }

    /** The scale-up request each walk below starts with. */
    private static final Transition RESIZE_2_TO_4_AT_1S =
            t(1_000, PairPhase.STEADY, PairPhase.WARMING, "resize 2 -> 4");

    private static long ms(long ms) {
        return ms * 1_000_000L;
    }

    private static HandoffProbe.PartitionHandoff h(int p, long last, long stopped, long started, long first) {
        return new HandoffProbe.PartitionHandoff(
                p,
                last == NONE ? NONE : ms(last),
                stopped == NONE ? NONE : ms(stopped),
                started == NONE ? NONE : ms(started),
                first == NONE ? NONE : ms(first));
    }

    @Test
    void splitsAWalkIntoItsStepsFromTheTransitionsAndTheHandoffs() {
        List<Transition> history = List.of(
                t(0, PairPhase.STARTING, PairPhase.STEADY, "2 worker(s) of blue active"),
                RESIZE_2_TO_4_AT_1S,
                t(11_000, PairPhase.WARMING, PairPhase.CUTTING_OVER, "4 worker(s) of green ready"),
                t(11_030, PairPhase.CUTTING_OVER, PairPhase.CUTTING_OVER, "barrier published: 4 stop offset(s)"),
                t(11_080, PairPhase.CUTTING_OVER, PairPhase.DRAINING, "green active on all 4 partitions"),
                t(11_200, PairPhase.DRAINING, PairPhase.STEADY, "blue drained"));
        List<HandoffProbe.PartitionHandoff> handoffs = List.of(
                h(0, 11_005, 11_010, 11_050, 11_060),
                h(1, 11_000, 11_020, 11_040, 11_070),
                h(2, 11_001, 11_012, NONE, NONE), // never started: not counted
                h(3, 400, 500, 600, 610)); // an earlier handoff: not this walk's

        List<HandoffProbe.Gap> gaps = List.of(
                new HandoffProbe.Gap(0, ms(5_000), ms(300)), // warm-up: the new slot's workers start
                new HandoffProbe.Gap(1, ms(10_999), ms(25)),
                new HandoffProbe.Gap(1, ms(11_070), ms(65)), // the handoff
                new HandoffProbe.Gap(0, ms(11_150), ms(21)));

        WalkReport w = WalkReport.of(2, 4, history, ms(900), i -> ms(i.toEpochMilli()), handoffs, gaps);

        assertThat(w)
                .isEqualTo(new WalkReport(2, 4, 100, 10_000, 20, 10, 20, 30, 70, 55, 50, 120, 2, 300, 65, "steady"));
        assertThat(w.line())
                .startsWith("walk 2->4 steady: request->warming 100.0 ms, warm-up 10000.0 ms")
                .contains("handoff (old last record -> new first record) max 70.0 / median 55.0 ms over 2 partitions")
                .endsWith("before the cutover 300.0 ms, from the cutover on 65.0 ms");
    }

    @Test
    void aRolledBackWalkHasNoHandoff() {
        List<Transition> history = List.of(
                RESIZE_2_TO_4_AT_1S,
                t(121_000, PairPhase.WARMING, PairPhase.ROLLING_BACK, "warm-up timed out"),
                t(121_500, PairPhase.ROLLING_BACK, PairPhase.STEADY, "aborted; blue stays active"));

        WalkReport w = WalkReport.of(
                2,
                4,
                history,
                ms(1_000),
                i -> ms(i.toEpochMilli()),
                List.of(h(0, 400, 500, 600, 610)),
                List.of(new HandoffProbe.Gap(0, ms(50_000), ms(40))));

        assertThat(w.outcome()).isEqualTo("rolled back");
        assertThat(w.warmup()).isEqualTo(-1);
        assertThat(w.partitions()).isZero();
        assertThat(w.gapBound()).isEmpty();
        assertThat(w.gapBeforeCutover()).isEqualTo(40);
        assertThat(w.gapFromCutover()).isEqualTo(-1);
    }

    @Test
    void onlyTheLatestWalkIsReported() {
        List<Transition> history = List.of(
                RESIZE_2_TO_4_AT_1S,
                t(2_000, PairPhase.WARMING, PairPhase.CUTTING_OVER, "ready"),
                t(2_100, PairPhase.DRAINING, PairPhase.STEADY, "drained"),
                t(5_000, PairPhase.STEADY, PairPhase.WARMING, "resize 4 -> 2"),
                t(9_000, PairPhase.WARMING, PairPhase.CUTTING_OVER, "ready"));

        WalkReport w = WalkReport.of(4, 2, history, ms(4_990), i -> ms(i.toEpochMilli()), List.of(), List.of());

        assertThat(w.requestToWarming()).isEqualTo(10);
        assertThat(w.warmup()).isEqualTo(4_000);
        assertThat(w.outcome()).isEqualTo("CUTTING_OVER");
    }
}
