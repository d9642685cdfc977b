package io.shadowscale.worker.model;

import java.util.Objects;

/** What a worker does with a command in its current mode (see {@link CommandTable}). */
public sealed interface Reaction {
    /** Carry out the command and move to {@code target}. */
    record Move(WorkerMode target) implements Reaction {
        public Move {
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * Stay in the mode and answer: the command was already carried out (a repeat) or has nothing to
     * do here; its idempotent part (re-report stop offsets, start newly known barrier partitions)
     * runs again.
     */
    record Stay() implements Reaction {}

    /** Do nothing but answer with the reason. */
    record Refuse(String reason) implements Reaction {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Reaction move(WorkerMode target) {
        return new Move(target);
    }

    static Reaction stay() {
        return new Stay();
    }

    static Reaction refuse(String reason) {
        return new Refuse(reason);
    }
}
