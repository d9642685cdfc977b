package io.shadowscale.scaler.admin;

import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PairTransitions;
import io.shadowscale.scaler.model.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pair's walks, read from its kept history ({@link PairState#HISTORY_LIMIT} transitions): each
 * from STEADY to WARMING up to its return to STEADY. A walk whose start is older than the kept
 * history is left out. Slots are counted back from the active one (a walk that reached DRAINING
 * moved the pair to the other slot; a rolled-back one did not); sizes come from the reason of the
 * walk's start ({@code resize 2 -> 4: ...}), null when it does not say.
 */
final class WalkHistory {
    /** How a walk ended: done, done with some partitions from committed offsets, rolled back, or not yet. */
    enum Result {
        DONE,
        FALLBACK,
        ROLLED_BACK,
        IN_PROGRESS
    }

    /** One walk; {@code endedAt} is null while it is in progress. */
    record Walk(
            Instant startedAt,
            Instant endedAt,
            SlotName fromSlot,
            SlotName toSlot,
            Integer fromReplicas,
            Integer toReplicas,
            Result result,
            String why,
            String outcome) {
        Duration duration() {
            return endedAt == null ? null : Duration.between(startedAt, endedAt);
        }
    }

    private static final Pattern RESIZE = Pattern.compile("^resize (\\d+) -> (\\d+)");

    private WalkHistory() {}

    /** The walks of {@code s}'s kept history, oldest first. */
    static List<Walk> of(PairState s) {
        List<Transition> history = s.history();
        List<Walk> walks = new ArrayList<>();
        List<Boolean> moved = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Transition start = history.get(i);
            if (start.to() != PairPhase.WARMING || start.from() == PairPhase.WARMING) {
                continue;
            }
            boolean drained = false;
            boolean rolledBack = false;
            boolean fallback = false;
            Transition end = null;
            String outcome = null;
            for (int j = i + 1; j < history.size() && end == null; j++) {
                Transition t = history.get(j);
                drained |= t.to() == PairPhase.DRAINING;
                fallback |= t.from() == t.to() && t.reason().contains(PairTransitions.AT_LEAST_ONCE);
                if (t.to() == PairPhase.ROLLING_BACK && !rolledBack) {
                    rolledBack = true;
                    outcome = t.reason(); // the cause, not the rollback's own end
                }
                if (t.to() == PairPhase.STEADY) {
                    end = t;
                    outcome = outcome == null ? t.reason() : outcome;
                }
            }
            Result result = end == null
                    ? Result.IN_PROGRESS
                    : rolledBack ? Result.ROLLED_BACK : fallback ? Result.FALLBACK : Result.DONE;
            Matcher m = RESIZE.matcher(start.reason());
            boolean sized = m.find();
            walks.add(new Walk(
                    start.at(),
                    end == null ? null : end.at(),
                    null,
                    null,
                    sized ? Integer.valueOf(m.group(1)) : null,
                    sized ? Integer.valueOf(m.group(2)) : null,
                    result,
                    start.reason(),
                    outcome));
            moved.add(drained);
        }
        // slots, newest first: the active slot is where the last walk that drained went
        SlotName slot = s.active();
        for (int k = walks.size() - 1; k >= 0; k--) {
            Walk w = walks.get(k);
            SlotName from = moved.get(k) ? slot.other() : slot;
            walks.set(
                    k,
                    new Walk(
                            w.startedAt(),
                            w.endedAt(),
                            from,
                            from.other(),
                            w.fromReplicas(),
                            w.toReplicas(),
                            w.result(),
                            w.why(),
                            w.outcome()));
            slot = from;
        }
        return walks;
    }
}
