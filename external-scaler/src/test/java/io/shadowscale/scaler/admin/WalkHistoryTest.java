package io.shadowscale.scaler.admin;

import static io.shadowscale.control.SlotName.BLUE;
import static io.shadowscale.control.SlotName.GREEN;
import static io.shadowscale.scaler.model.Walks.T0;
import static io.shadowscale.scaler.model.Walks.active;
import static io.shadowscale.scaler.model.Walks.fenced;
import static io.shadowscale.scaler.model.Walks.in;
import static io.shadowscale.scaler.model.Walks.next;
import static io.shadowscale.scaler.model.Walks.p;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.admin.WalkHistory.Result;
import io.shadowscale.scaler.admin.WalkHistory.Walk;
import io.shadowscale.scaler.controller.OperatorResult;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.OperatorRequest;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.Walks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The walks the admin view reads from a pair's history, driven through the real transitions. */
class WalkHistoryTest {
    @Test
    void aDoneWalkThenOneInProgressFromTheNewSlot() {
        PairState done = next(Walks.draining(), in(), T0.plusSeconds(6));
        assertThat(done.phase()).isEqualTo(PairPhase.STEADY);
        PairState warming = next(done, in().withRequest(new OperatorRequest.Resize(6)), T0.plusSeconds(10));

        assertThat(WalkHistory.of(warming))
                .containsExactly(
                        new Walk(
                                T0.plusSeconds(2),
                                T0.plusSeconds(6),
                                BLUE,
                                GREEN,
                                2,
                                4,
                                Result.DONE,
                                "resize 2 -> 4: operator asked for 4",
                                "blue drained; walk to 4 took 4000 ms"),
                        new Walk(
                                T0.plusSeconds(10),
                                null,
                                GREEN,
                                BLUE,
                                4,
                                6,
                                Result.IN_PROGRESS,
                                "resize 4 -> 6: operator asked for 6",
                                null));
    }

    @Test
    void aRolledBackWalkKeepsItsSlotAndNamesTheCause() {
        PairState back = next(Walks.rollingBack(), in(), T0.plusSeconds(4));
        assertThat(back.phase()).isEqualTo(PairPhase.STEADY);

        assertThat(WalkHistory.of(back))
                .containsExactly(new Walk(
                        T0.plusSeconds(2),
                        T0.plusSeconds(4),
                        BLUE,
                        GREEN,
                        2,
                        4,
                        Result.ROLLED_BACK,
                        "resize 2 -> 4: operator asked for 4",
                        "operator rolled back the warm-up"));
    }

    @Test
    void aWalkWithCommittedOffsetsForSomePartitionsIsAFallback() {
        PairState f = Walks.fencing();
        PairState b = next(
                f,
                in(fenced(BLUE, "b1", f.commandId(), 100, 0, 1)).withFallback(Map.of(p(2), 90L, p(3), 91L), Map.of()),
                T0.plusSeconds(13));
        PairState d = next(
                b,
                in(active(GREEN, "g1", b.commandId(), 0, 1), active(GREEN, "g2", b.commandId(), 2, 3)),
                T0.plusSeconds(14));
        PairState done = next(d, in(), T0.plusSeconds(15));

        assertThat(WalkHistory.of(done))
                .containsExactly(new Walk(
                        T0.plusSeconds(2),
                        T0.plusSeconds(15),
                        BLUE,
                        GREEN,
                        2,
                        4,
                        Result.FALLBACK,
                        "resize 2 -> 4: operator asked for 4",
                        "blue drained; walk to 4 took 13000 ms"));
    }

    @Test
    void aWalkWhoseStartIsNoLongerKeptIsLeftOut() {
        PairState done = next(Walks.draining(), in(), T0.plusSeconds(6));
        PairState s = done;
        for (int i = 0; i < PairState.HISTORY_LIMIT; i++) {
            s = s.withPaused(i % 2 == 0, T0.plusSeconds(7 + i));
        }
        assertThat(s.history()).hasSize(PairState.HISTORY_LIMIT).noneMatch(t -> t.to() == PairPhase.WARMING);

        assertThat(WalkHistory.of(s)).isEmpty();
        assertThat(WalkHistory.of(PairState.starting(Walks.PAIR, 2, T0))).isEmpty();
    }

    @Test
    void thePairViewShowsSlotSizesTrafficAndWalks() {
        PairState warming = Walks.warming(4);
        Observation seen = new Observation(T0.plusSeconds(2), 4, 2, 1500.5, 1400, 320);

        String json = Views.pair(warming, operations(seen));

        assertThat(json)
                .endsWith(",\"slotReplicas\":{\"blue\":2,\"green\":4},\"traffic\":{\"at\":\"2026-01-01T00:00:02Z\","
                        + "\"inputRate\":1500.5,\"progressRate\":1400.0,\"lag\":320},"
                        + "\"walks\":[{\"startedAt\":\"2026-01-01T00:00:02Z\","
                        + "\"endedAt\":null,\"durationMs\":null,\"fromSlot\":\"blue\",\"toSlot\":\"green\","
                        + "\"fromReplicas\":2,"
                        + "\"toReplicas\":4,\"result\":\"in_progress\",\"why\":\"resize 2 -> 4: operator asked for 4\","
                        + "\"outcome\":null}]}");
        assertThat(Views.pair(warming, operations(null))).contains(",\"traffic\":null,");
    }

    private static PairOperations operations(Observation seen) {
        return new PairOperations() {
            @Override
            public List<PairState> states() {
                return List.of();
            }

            @Override
            public Optional<PairState> state(PairKey pair) {
                return Optional.empty();
            }

            @Override
            public OperatorResult requestResize(PairKey pair, int replicas) {
                throw new AssertionError("read-only");
            }

            @Override
            public OperatorResult setPaused(PairKey pair, boolean paused) {
                throw new AssertionError("read-only");
            }

            @Override
            public OperatorResult requestRollback(PairKey pair) {
                throw new AssertionError("read-only");
            }

            @Override
            public Optional<Observation> observation(PairKey pair) {
                return Optional.ofNullable(seen);
            }
        };
    }
}
