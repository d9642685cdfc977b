package io.shadowscale.worker.model;

import static io.shadowscale.worker.model.CommandKind.ABORT;
import static io.shadowscale.worker.model.CommandKind.ACTIVATE;
import static io.shadowscale.worker.model.CommandKind.BARRIER;
import static io.shadowscale.worker.model.CommandKind.DRAIN;
import static io.shadowscale.worker.model.CommandKind.FENCE;
import static io.shadowscale.worker.model.CommandKind.HANDOFF_IN;
import static io.shadowscale.worker.model.CommandKind.HANDOFF_OUT;
import static io.shadowscale.worker.model.CommandKind.WARM;
import static io.shadowscale.worker.model.WorkerMode.ACTIVE;
import static io.shadowscale.worker.model.WorkerMode.DRAINING;
import static io.shadowscale.worker.model.WorkerMode.IDLE;
import static io.shadowscale.worker.model.WorkerMode.SHADOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandTableTest {
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(IDLE, WARM, new Reaction.Move(SHADOW)),
                Arguments.of(IDLE, ACTIVATE, new Reaction.Move(ACTIVE)),
                Arguments.of(IDLE, FENCE, new Reaction.Refuse("FENCE refused in IDLE: warm or activate first")),
                Arguments.of(IDLE, BARRIER, new Reaction.Refuse("BARRIER refused in IDLE: warm or activate first")),
                Arguments.of(IDLE, DRAIN, new Reaction.Stay()),
                Arguments.of(IDLE, ABORT, new Reaction.Stay()),
                Arguments.of(
                        IDLE, HANDOFF_OUT, new Reaction.Refuse("HANDOFF_OUT refused in IDLE: warm or activate first")),
                Arguments.of(
                        IDLE, HANDOFF_IN, new Reaction.Refuse("HANDOFF_IN refused in IDLE: warm or activate first")),
                Arguments.of(SHADOW, WARM, new Reaction.Stay()),
                Arguments.of(
                        SHADOW,
                        ACTIVATE,
                        new Reaction.Refuse("ACTIVATE refused in SHADOW: a shadow worker starts only at a barrier")),
                Arguments.of(
                        SHADOW,
                        FENCE,
                        new Reaction.Refuse("FENCE refused in SHADOW: a shadow worker starts only at a barrier")),
                Arguments.of(SHADOW, BARRIER, new Reaction.Move(ACTIVE)),
                Arguments.of(SHADOW, DRAIN, new Reaction.Move(IDLE)),
                Arguments.of(SHADOW, ABORT, new Reaction.Move(IDLE)),
                Arguments.of(
                        SHADOW,
                        HANDOFF_OUT,
                        new Reaction.Refuse("HANDOFF_OUT refused in SHADOW: a shadow worker has nothing to hand over")),
                Arguments.of(SHADOW, HANDOFF_IN, new Reaction.Move(ACTIVE)),
                Arguments.of(
                        ACTIVE, WARM, new Reaction.Refuse("WARM refused in ACTIVE: the worker is already processing")),
                Arguments.of(ACTIVE, ACTIVATE, new Reaction.Stay()),
                Arguments.of(ACTIVE, FENCE, new Reaction.Move(DRAINING)),
                Arguments.of(ACTIVE, BARRIER, new Reaction.Stay()),
                Arguments.of(
                        ACTIVE,
                        DRAIN,
                        new Reaction.Refuse(
                                "DRAIN refused in ACTIVE: fence first, an active worker leaves only at a barrier")),
                Arguments.of(ACTIVE, ABORT, new Reaction.Stay()),
                Arguments.of(ACTIVE, HANDOFF_OUT, new Reaction.Stay()),
                Arguments.of(ACTIVE, HANDOFF_IN, new Reaction.Stay()),
                Arguments.of(DRAINING, WARM, new Reaction.Refuse("WARM refused in DRAINING: drain first")),
                Arguments.of(DRAINING, ACTIVATE, new Reaction.Move(ACTIVE)),
                Arguments.of(DRAINING, FENCE, new Reaction.Stay()),
                Arguments.of(DRAINING, BARRIER, new Reaction.Move(ACTIVE)),
                Arguments.of(DRAINING, DRAIN, new Reaction.Move(IDLE)),
                Arguments.of(DRAINING, ABORT, new Reaction.Move(IDLE)),
                Arguments.of(DRAINING, HANDOFF_OUT, new Reaction.Stay()),
                Arguments.of(
                        DRAINING,
                        HANDOFF_IN,
                        new Reaction.Refuse(
                                "HANDOFF_IN refused in DRAINING: a fenced worker takes over only at a barrier")));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("table")
    void reactsAsTheTableSays(WorkerMode mode, CommandKind command, Reaction expected) {
        assertThat(CommandTable.react(mode, command)).isEqualTo(expected);
    }

    @Test
    void everyMoveIsAnAllowedTransition() {
        for (WorkerMode mode : WorkerMode.values()) {
            for (CommandKind command : CommandKind.values()) {
                if (CommandTable.react(mode, command) instanceof Reaction.Move move) {
                    assertThat(mode.canTransitionTo(move.target()))
                            .as("%s + %s", mode, command)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void tableCoversEveryModeAndCommand() {
        assertThat(table().count()).isEqualTo((long) WorkerMode.values().length * CommandKind.values().length);
    }
}
