package io.shadowscale.worker.errors;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the worker does with a record its processor throws on.
 *
 * @param action {@link Action#STOP} or {@link Action#DEAD_LETTER}
 * @param retries attempts after the first one, before the record is dead-lettered
 * @param initialBackoff wait before the first retry; each further retry waits twice as long as the one before
 * @param maxBackoff longest wait before one retry
 * @param deadLetterTopic where dead-lettered records go (used with {@link Action#DEAD_LETTER})
 */
public record ErrorPolicy(
        Action action, int retries, Duration initialBackoff, Duration maxBackoff, String deadLetterTopic) {
    /** The two actions. */
    public enum Action {
        /** The exception stops the worker's poll loop; nothing of the batch is committed, the pod restarts. */
        STOP("stop"),
        /** The record is retried with backoff, then written to the dead-letter topic and skipped. */
        DEAD_LETTER("dead-letter");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        /** The configuration value. */
        public String label() {
            return label;
        }

        /** The action named {@code value} (case-insensitive), if any. */
        public static Optional<Action> parse(String value) {
            for (Action action : values()) {
                if (action.label.equals(value.toLowerCase(Locale.ROOT))) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }

    public ErrorPolicy {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, was " + retries);
        }
    }

    /**
     * The wait before retry {@code n} (1 for the first): {@code initialBackoff * 2^(n-1)}, at most {@code maxBackoff}.
     */
    public Duration backoff(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, was " + n);
        }
        Duration wait = initialBackoff;
        for (int i = 1; i < n && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** The longest the poll thread waits in backoff for one record: the sum of every retry's wait. */
    public Duration worstCaseWait() {
        Duration total = Duration.ZERO;
        for (int n = 1; n <= retries; n++) {
            total = total.plus(backoff(n));
        }
        return total;
    }
}
