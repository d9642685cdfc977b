package io.shadowscale.testkit.keda;

import io.shadowscale.control.SlotName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pair walk as seen from the Deployments the stand-in scaled: the idle slot woke up to
 * {@code to} replicas while the other ran {@code from}; it finished when the old slot reached zero
 * (or was given up when the new slot went back to zero first).
 *
 * @param from replicas of the old slot when the new one woke
 * @param to replicas the new slot woke with (its size once the walk finished)
 * @param fromSlot the old slot
 * @param toSlot the new slot (the other one)
 * @param started when the new slot was scaled up from zero
 * @param finished when the old (or, rolled back, the new) slot reached zero; empty while running
 * @param rolledBack whether the new slot went back to zero instead of the old one
 */
public record Walk(
        int from,
        int to,
        SlotName fromSlot,
        SlotName toSlot,
        Instant started,
        Optional<Instant> finished,
        boolean rolledBack) {
    public Walk {
        Objects.requireNonNull(fromSlot, "fromSlot");
        if (toSlot != fromSlot.other()) {
            throw new IllegalArgumentException(
                    "a walk goes from one slot to the other, not " + fromSlot + " -> " + toSlot);
        }
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
    }

    /** Wake-up to old slot at zero; empty while the walk runs. */
    public Optional<Duration> duration() {
        return finished.map(f -> Duration.between(started, f));
    }

    /** e.g. {@code 2 -> 4 (blue -> green) started 12.3 s, done after 5.1 s}, times from {@code origin}. */
    public String describe(Instant origin) {
        String start = String.format(
                Locale.ROOT, "%.1f s", Duration.between(origin, started).toMillis() / 1e3);
        String end = duration()
                .map(d -> String.format(
                        Locale.ROOT, "%s after %.1f s", rolledBack ? "rolled back" : "done", d.toMillis() / 1e3))
                .orElse("still running");
        return from + " -> " + to + " (" + fromSlot.label() + " -> " + toSlot.label() + ") started " + start + ", "
                + end;
    }

    /** Every walk in {@code events} (in time order), from the replica changes of the two slots of one pair. */
    public static List<Walk> of(List<ScaleEvent> events) {
        Map<SlotName, Integer> size = new HashMap<>(Map.of(SlotName.BLUE, 0, SlotName.GREEN, 0));
        List<Walk> walks = new ArrayList<>();
        Walk open = null;
        for (ScaleEvent e : events) {
            SlotName other = e.slot() == SlotName.BLUE ? SlotName.GREEN : SlotName.BLUE;
            if (e.from() == 0 && e.to() > 0 && size.get(other) > 0 && open == null) {
                open = new Walk(size.get(other), e.to(), other, e.slot(), e.at(), Optional.empty(), false);
            } else if (open != null && e.to() == 0) {
                boolean back = e.slot() == open.toSlot();
                walks.add(new Walk(
                        open.from(),
                        back ? open.to() : size.get(open.toSlot()),
                        open.fromSlot(),
                        open.toSlot(),
                        open.started(),
                        Optional.of(e.at()),
                        back));
                open = null;
            }
            size.put(e.slot(), e.to());
        }
        if (open != null) {
            walks.add(open);
        }
        return walks;
    }
}
