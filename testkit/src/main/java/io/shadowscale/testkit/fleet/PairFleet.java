package io.shadowscale.testkit.fleet;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** Both slots of one pair, each a {@link SlotFleet} (the two Deployments of the pair). */
public final class PairFleet implements AutoCloseable {
    private final PairKey pair;
    private final Map<SlotName, SlotFleet> slots = new EnumMap<>(SlotName.class);

    public PairFleet(PairKey pair, Map<String, String> template, WorkerLauncher launcher) {
        this(pair, template, template, launcher);
    }

    /** Slots whose workers get different environments (e.g. two versions during a rolling upgrade). */
    public PairFleet(
            PairKey pair,
            Map<String, String> blueTemplate,
            Map<String, String> greenTemplate,
            WorkerLauncher launcher) {
        this.pair = Objects.requireNonNull(pair, "pair");
        slots.put(SlotName.BLUE, new SlotFleet(pair, SlotName.BLUE, blueTemplate, launcher));
        slots.put(SlotName.GREEN, new SlotFleet(pair, SlotName.GREEN, greenTemplate, launcher));
    }

    public PairKey pair() {
        return pair;
    }

    public SlotFleet slot(SlotName slot) {
        return slots.get(slot);
    }

    /** Running workers per slot. */
    public Map<SlotName, Integer> replicas() {
        Map<SlotName, Integer> counts = new EnumMap<>(SlotName.class);
        slots.forEach((slot, fleet) -> counts.put(slot, fleet.replicas()));
        return counts;
    }

    /** Stops both slots, in parallel. */
    @Override
    public void close() {
        Thread other = new Thread(() -> slots.get(SlotName.GREEN).close(), "fleet-close-" + pair.name());
        other.start();
        slots.get(SlotName.BLUE).close();
        try {
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
