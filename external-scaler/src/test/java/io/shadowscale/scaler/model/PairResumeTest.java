package io.shadowscale.scaler.model;

import static io.shadowscale.control.SlotName.BLUE;
import static io.shadowscale.control.SlotName.GREEN;
import static io.shadowscale.scaler.model.Walks.PAIR;
import static io.shadowscale.scaler.model.Walks.T0;
import static io.shadowscale.scaler.model.Walks.active;
import static io.shadowscale.scaler.model.Walks.fenced;
import static io.shadowscale.scaler.model.Walks.idle;
import static io.shadowscale.scaler.model.Walks.in;
import static io.shadowscale.scaler.model.Walks.next;
import static io.shadowscale.scaler.model.Walks.shadow;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.scaler.model.PhaseCommand.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** What a controller does when it continues from each persisted state (restart or takeover). */
class PairResumeTest {
    private static final Instant LATER = T0.plusSeconds(20);

    @Test
    void resumeKeepsPhaseDeadlineAndBarrierAndRaisesEpochAndCommandId() {
        for (PairState s : List.of(
                PairState.starting(PAIR, 2, T0),
                Walks.steady(),
                Walks.warming(4),
                Walks.fencing(),
                Walks.barrier(),
                Walks.draining(),
                Walks.rollingBack())) {
            PairState r = s.resumed(LATER);
            assertThat(r.phase()).isEqualTo(s.phase());
            assertThat(r.since()).isEqualTo(s.since());
            assertThat(r.barrier()).isEqualTo(s.barrier());
            assertThat(r.active()).isEqualTo(s.active());
            assertThat(r.epoch()).isEqualTo(s.epoch() + 1);
            assertThat(r.commandId()).isEqualTo(s.commandId() + 1);
            assertThat(r.reason()).isEqualTo("resumed by a new controller in " + s.phase());
            assertThat(PhaseCommand.of(r))
                    .extracting(PhaseCommand::slot, PhaseCommand::kind)
                    .isEqualTo(PhaseCommand.of(s).stream()
                            .map(c -> Tuple.tuple(c.slot(), c.kind()))
                            .toList());
            assertThat(PhaseCommand.of(r)).allMatch(c -> c.epoch() == r.epoch() && c.commandId() == r.commandId());
        }
    }

    @Test
    void resumedStartingActivatesAgainAndGoesSteadyOnNewAnswers() {
        PairState r = PairState.starting(PAIR, 1, T0).resumed(LATER);
        assertThat(next(r, in(active(BLUE, "b1", 1, 0, 1, 2, 3)), LATER)).isSameAs(r);
        assertThat(next(r, in(active(BLUE, "b1", r.commandId(), 0, 1, 2, 3)), LATER)
                        .phase())
                .isEqualTo(PairPhase.STEADY);
    }

    @Test
    void resumedSteadySendsNothingAndStillTakesDecisions() {
        PairState r = Walks.steady().resumed(LATER);
        assertThat(PhaseCommand.of(r)).isEmpty();
        assertThat(next(r, in().withDecision(ScaleDecision.resize(3, "more")), LATER)
                        .phase())
                .isEqualTo(PairPhase.WARMING);
    }

    @Test
    void resumedWarmingKeepsItsOriginalWarmupDeadline() {
        PairState w = Walks.warming(4);
        PairState r = w.resumed(LATER);
        assertThat(PhaseCommand.of(r))
                .containsExactly(new PhaseCommand(
                        GREEN, Kind.WARM, r.epoch(), r.commandId(), 4, "shadowscale.shop.orders.blue", Map.of()));
        assertThat(next(r, in(), w.since().plusSeconds(60)).phase()).isEqualTo(PairPhase.ROLLING_BACK);
        long c = r.commandId();
        PairState f = next(
                r,
                in(
                        shadow(GREEN, "g1", c, 9, 0),
                        shadow(GREEN, "g2", c, 9, 1),
                        shadow(GREEN, "g3", c, 9, 2),
                        shadow(GREEN, "g4", c, 9, 3)),
                LATER);
        assertThat(f.phase()).isEqualTo(PairPhase.CUTTING_OVER);
    }

    @Test
    void resumedFencingFencesAgainAndCollectsTheReAnsweredStopOffsets() {
        PairState r = Walks.fencing().resumed(LATER);
        assertThat(PhaseCommand.of(r)).extracting(PhaseCommand::kind).containsExactly(Kind.FENCE);
        PairInputs oldAnswers =
                in(fenced(BLUE, "b1", r.commandId() - 1, 100, 0, 1), fenced(BLUE, "b2", r.commandId() - 1, 100, 2, 3));
        assertThat(next(r, oldAnswers, LATER)).isSameAs(r);
        PairState b = next(
                r,
                in(fenced(BLUE, "b1", r.commandId(), 100, 0, 1), fenced(BLUE, "b2", r.commandId(), 100, 2, 3)),
                LATER);
        assertThat(b.barrier()).hasSize(4);
    }

    @Test
    void resumedBarrierRepublishesTheSameOffsetsAndFinishesTheWalk() {
        PairState b = Walks.barrier();
        PairState r = b.resumed(LATER);
        assertThat(PhaseCommand.of(r))
                .containsExactly(new PhaseCommand(GREEN, Kind.BARRIER, r.epoch(), r.commandId(), 4, "", b.barrier()));
        PairState d =
                next(r, in(active(GREEN, "g1", r.commandId(), 0, 1), active(GREEN, "g2", r.commandId(), 2, 3)), LATER);
        assertThat(d.phase()).isEqualTo(PairPhase.DRAINING);
        assertThat(d.active()).isEqualTo(GREEN);
    }

    @Test
    void resumedDrainingDrainsAgain() {
        PairState r = Walks.draining().resumed(LATER);
        assertThat(PhaseCommand.of(r))
                .extracting(PhaseCommand::slot, PhaseCommand::kind)
                .containsExactly(Tuple.tuple(BLUE, Kind.DRAIN));
        assertThat(next(r, in(idle(BLUE, "b1", r.commandId())), LATER).phase()).isEqualTo(PairPhase.STEADY);
    }

    @Test
    void resumedRollingBackAbortsAgain() {
        PairState r = Walks.rollingBack().resumed(LATER);
        assertThat(PhaseCommand.of(r))
                .extracting(PhaseCommand::slot, PhaseCommand::kind)
                .containsExactly(Tuple.tuple(GREEN, Kind.ABORT));
        assertThat(next(r, in(idle(GREEN, "g1", r.commandId())), LATER).phase()).isEqualTo(PairPhase.STEADY);
    }
}
