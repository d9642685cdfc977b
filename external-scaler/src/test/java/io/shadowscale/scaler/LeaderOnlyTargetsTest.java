package io.shadowscale.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LeaderOnlyTargetsTest {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private final AtomicBoolean leading = new AtomicBoolean();
    private final List<Consumer<SlotTarget>> watchers = new ArrayList<>();
    private final SlotTargets controller = new SlotTargets() {
        @Override
        public void register(PairSpec spec) {}

        @Override
        public Optional<SlotTarget> target(PairKey pair, SlotName slot) {
            return Optional.of(SlotTarget.run(3, "steady"));
        }

        @Override
        public AutoCloseable watch(PairKey pair, SlotName slot, Consumer<SlotTarget> listener) {
            watchers.add(listener);
            return () -> watchers.remove(listener);
        }
    };
    private final LeaderOnlyTargets targets = new LeaderOnlyTargets(controller, leading::get);

    @Test
    void aStandbyRefusesToAnswerAndTheLeaderAnswers() {
        assertThatThrownBy(() -> targets.target(PAIR, SlotName.BLUE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this scaler replica is a standby; only the leader answers KEDA");
        leading.set(true);
        assertThat(targets.target(PAIR, SlotName.BLUE)).contains(SlotTarget.run(3, "steady"));
    }

    @Test
    void changesArePushedOnlyWhileLeading() {
        List<SlotTarget> pushed = new ArrayList<>();
        targets.watch(PAIR, SlotName.GREEN, pushed::add);
        watchers.forEach(w -> w.accept(SlotTarget.run(4, "stale standby copy")));
        leading.set(true);
        watchers.forEach(w -> w.accept(SlotTarget.run(5, "warming")));
        assertThat(pushed).containsExactly(SlotTarget.run(5, "warming"));
    }
}
