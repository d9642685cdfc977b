package io.shadowscale.scaler;

import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.k8s.PairEvents;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.Transition;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each new pair transition as a Kubernetes Event on the pair's ScaledObjects (found by the
 * {@value PairEvents#PAIR_LABEL} label), e.g. reason {@code PairWarming}, message
 * {@code STEADY -> WARMING: resize 2 -> 4: ...}; {@code ROLLING_BACK} is a Warning. Run
 * periodically; only the leader writes, and transitions already in a pair's history when this
 * replica first sees it (written by an earlier leader) are skipped.
 */
final class TransitionEvents implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TransitionEvents.class);

    private final Supplier<List<PairState>> states;
    private final BooleanSupplier leading;
    private final PairEvents events;
    private final Map<PairKey, Instant> seen = new HashMap<>();

    TransitionEvents(Supplier<List<PairState>> states, BooleanSupplier leading, PairEvents events) {
        this.states = Objects.requireNonNull(states, "states");
        this.leading = Objects.requireNonNull(leading, "leading");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public synchronized void run() {
        try {
            boolean lead = leading.getAsBoolean();
            for (PairState s : states.get()) {
                List<Transition> history = s.history();
                Instant last = seen.get(s.pair());
                if (history.isEmpty()) {
                    continue;
                }
                seen.put(s.pair(), history.get(history.size() - 1).at());
                if (last == null || !lead) {
                    continue;
                }
                for (Transition t : history) {
                    if (t.at().isAfter(last)) {
                        events.record(
                                s.pair(),
                                reason(t.to()),
                                t.from() + " -> " + t.to() + ": " + t.reason(),
                                t.to() == PairPhase.ROLLING_BACK);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("writing pair Events failed: {}", e.toString());
        }
    }

    /** {@code CUTTING_OVER} -> {@code PairCuttingOver}. */
    static String reason(PairPhase phase) {
        StringBuilder b = new StringBuilder("Pair");
        for (String word : phase.name().split("_")) {
            b.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }
}
