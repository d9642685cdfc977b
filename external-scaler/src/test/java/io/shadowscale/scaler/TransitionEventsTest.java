package io.shadowscale.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.k8s.PairEvents;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TransitionEventsTest {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final List<String> written = new ArrayList<>();
    private final PairEvents events = new PairEvents() {
        @Override
        public int record(PairKey pair, List<String> names, String reason, String message, boolean warning) {
            throw new AssertionError("names are not known to the scaler");
        }

        @Override
        public int record(PairKey pair, String reason, String message, boolean warning) {
            written.add(pair + " " + reason + (warning ? " (warning)" : "") + ": " + message);
            return 1;
        }
    };
    private final AtomicReference<PairState> state = new AtomicReference<>(PairState.starting(PAIR, 2, T0));
    private final AtomicBoolean leading = new AtomicBoolean(true);
    private final TransitionEvents publisher = new TransitionEvents(() -> List.of(state.get()), leading::get, events);

    @Test
    void writesOnlyTransitionsNewerThanTheFirstLookAndOnlyWhileLeading() {
        state.set(state.get().transitionTo(PairPhase.STEADY, T0.plusSeconds(1), "2 worker(s) of blue active"));
        publisher.run(); // first look: history written by whoever led before
        assertThat(written).isEmpty();

        state.set(state.get().transitionTo(PairPhase.WARMING, T0.plusSeconds(5), "resize 2 -> 4"));
        publisher.run();
        leading.set(false);
        state.set(state.get().transitionTo(PairPhase.ROLLING_BACK, T0.plusSeconds(9), "warm-up timed out"));
        publisher.run();
        leading.set(true);
        state.set(state.get().transitionTo(PairPhase.STEADY, T0.plusSeconds(12), "rolled back"));
        publisher.run();

        assertThat(written)
                .containsExactly(
                        "shop/orders PairWarming: STEADY -> WARMING: resize 2 -> 4",
                        "shop/orders PairSteady: ROLLING_BACK -> STEADY: rolled back");
    }

    @Test
    void aRollbackIsAWarning() {
        publisher.run();
        state.set(state.get()
                .transitionTo(PairPhase.STEADY, T0.plusSeconds(1), "active")
                .transitionTo(PairPhase.WARMING, T0.plusSeconds(2), "grow")
                .transitionTo(PairPhase.ROLLING_BACK, T0.plusSeconds(3), "warm-up timed out"));
        publisher.run();

        assertThat(written)
                .containsExactly(
                        "shop/orders PairSteady: STARTING -> STEADY: active",
                        "shop/orders PairWarming: STEADY -> WARMING: grow",
                        "shop/orders PairRollingBack (warning): WARMING -> ROLLING_BACK: warm-up timed out");
        assertThat(TransitionEvents.reason(PairPhase.CUTTING_OVER)).isEqualTo("PairCuttingOver");
    }
}
