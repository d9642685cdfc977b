package io.shadowscale.scaler.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a pair's history: a phase change, or a step inside a phase (barrier published,
 * resumed, paused), at {@code epoch}.
 */
public record Transition(Instant at, long epoch, PairPhase from, PairPhase to, String reason) {
    public Transition {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
    }
}
