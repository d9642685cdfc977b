package io.shadowscale.worker.model;

import static io.shadowscale.worker.model.WorkerMode.ACTIVE;
import static io.shadowscale.worker.model.WorkerMode.DRAINING;
import static io.shadowscale.worker.model.WorkerMode.IDLE;
import static io.shadowscale.worker.model.WorkerMode.SHADOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkerModeTest {
    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of(IDLE, SHADOW),
                Arguments.of(IDLE, ACTIVE),
                Arguments.of(SHADOW, ACTIVE),
                Arguments.of(SHADOW, IDLE),
                Arguments.of(ACTIVE, DRAINING),
                Arguments.of(DRAINING, ACTIVE),
                Arguments.of(DRAINING, IDLE));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(IDLE, IDLE, "worker cannot move from IDLE to IDLE; allowed from IDLE: SHADOW, ACTIVE"),
                Arguments.of(
                        IDLE, DRAINING, "worker cannot move from IDLE to DRAINING; allowed from IDLE: SHADOW, ACTIVE"),
                Arguments.of(
                        SHADOW, SHADOW, "worker cannot move from SHADOW to SHADOW; allowed from SHADOW: IDLE, ACTIVE"),
                Arguments.of(
                        SHADOW,
                        DRAINING,
                        "worker cannot move from SHADOW to DRAINING; allowed from SHADOW: IDLE, ACTIVE"),
                Arguments.of(ACTIVE, IDLE, "worker cannot move from ACTIVE to IDLE; allowed from ACTIVE: DRAINING"),
                Arguments.of(ACTIVE, SHADOW, "worker cannot move from ACTIVE to SHADOW; allowed from ACTIVE: DRAINING"),
                Arguments.of(ACTIVE, ACTIVE, "worker cannot move from ACTIVE to ACTIVE; allowed from ACTIVE: DRAINING"),
                Arguments.of(
                        DRAINING,
                        SHADOW,
                        "worker cannot move from DRAINING to SHADOW; allowed from DRAINING: IDLE, ACTIVE"),
                Arguments.of(
                        DRAINING,
                        DRAINING,
                        "worker cannot move from DRAINING to DRAINING; allowed from DRAINING: IDLE, ACTIVE"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allowed")
    void allowedTransitionReturnsTheTarget(WorkerMode from, WorkerMode to) {
        assertThat(from.transitionTo(to)).isEqualTo(to);
        assertThat(from.canTransitionTo(to)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1} refused")
    @MethodSource("refused")
    void refusedTransitionNamesCurrentTargetAndAllowed(WorkerMode from, WorkerMode to, String message) {
        assertThatThrownBy(() -> from.transitionTo(to))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(message);
        assertThat(from.canTransitionTo(to)).isFalse();
    }

    @Test
    void tablesCoverEveryPairOfModesExactlyOnce() {
        long pairs = EnumSet.allOf(WorkerMode.class).size()
                * (long) EnumSet.allOf(WorkerMode.class).size();
        assertThat(allowed().count() + refused().count()).isEqualTo(pairs);
    }
}
