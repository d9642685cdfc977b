package io.shadowscale.testkit.keda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.SlotName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WalkTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ScaleEvent at(int second, SlotName slot, int from, int to) {
        return new ScaleEvent(T0.plusSeconds(second), "orders-" + slot.label(), slot, from, to, "poll");
    }

    /** A finished walk, its times in seconds after {@link #T0}. */
    private static Walk finished(
            int from, int to, SlotName fromSlot, SlotName toSlot, int startedS, int finishedS, boolean rolledBack) {
        return new Walk(
                from,
                to,
                fromSlot,
                toSlot,
                T0.plusSeconds(startedS),
                Optional.of(T0.plusSeconds(finishedS)),
                rolledBack);
    }

    @Test
    void aGrowThenAShrinkAreTwoFinishedWalks() {
        List<Walk> walks = Walk.of(List.of(
                at(0, SlotName.BLUE, 0, 2), // first start: no walk
                at(10, SlotName.GREEN, 0, 5),
                at(14, SlotName.BLUE, 2, 1), // HPA floor while KEDA still runs it
                at(16, SlotName.BLUE, 1, 0),
                at(40, SlotName.BLUE, 0, 1),
                at(45, SlotName.GREEN, 5, 0)));

        assertThat(walks)
                .containsExactly(
                        finished(2, 5, SlotName.BLUE, SlotName.GREEN, 10, 16, false),
                        finished(5, 1, SlotName.GREEN, SlotName.BLUE, 40, 45, false));
        assertThat(walks.get(0).describe(T0)).isEqualTo("2 -> 5 (blue -> green) started 10.0 s, done after 6.0 s");
    }

    @Test
    void theNewSlotBackAtZeroFirstIsARollbackAndAnOpenWalkIsStillRunning() {
        List<Walk> walks = Walk.of(List.of(
                at(0, SlotName.BLUE, 0, 2),
                at(10, SlotName.GREEN, 0, 4),
                at(70, SlotName.GREEN, 4, 0),
                at(80, SlotName.GREEN, 0, 3)));

        assertThat(walks)
                .containsExactly(
                        finished(2, 4, SlotName.BLUE, SlotName.GREEN, 10, 70, true),
                        new Walk(2, 3, SlotName.BLUE, SlotName.GREEN, T0.plusSeconds(80), Optional.empty(), false));
        assertThat(walks.get(0).describe(T0))
                .isEqualTo("2 -> 4 (blue -> green) started 10.0 s, rolled back after 60.0 s");
        assertThat(walks.get(1).describe(T0)).isEqualTo("2 -> 3 (blue -> green) started 80.0 s, still running");
    }

    @Test
    void aWalkWithinOneSlotIsRefused() {
        assertThatThrownBy(() -> new Walk(2, 3, SlotName.BLUE, SlotName.BLUE, T0, Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a walk goes from one slot to the other, not BLUE -> BLUE");
    }
}
