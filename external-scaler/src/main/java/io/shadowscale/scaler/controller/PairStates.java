package io.shadowscale.scaler.controller;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.kafka.StateStore;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.SlotTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pair controller's current state of every pair: a new state is written to the state topic
 * first, then kept, then its slot-target changes reach the watchers of the slot. Owns the state
 * store once {@link #open opened}.
 */
final class PairStates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PairStates.class);

    private final Map<PairKey, PairState> states = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<SlotTarget>>> watchers = new ConcurrentHashMap<>();
    private volatile ControllerObserver observer = ControllerObserver.NONE;
    private StateStore store;

    /** Reads and writes the state topic through {@code value} from now on. */
    void open(StateStore value) {
        store = value;
    }

    /** Every pair's state as the state topic holds it. */
    Map<PairKey, PairState> readStored() {
        return store.readAll();
    }

    /** Tells {@code value} of state writes from now on. */
    void observe(ControllerObserver value) {
        observer = value;
    }

    ControllerObserver observer() {
        return observer;
    }

    /** The pair's current state; null if the pair has none yet. */
    PairState get(PairKey pair) {
        return states.get(pair);
    }

    /** Every pair's state, ordered by pair key. */
    List<PairState> sorted() {
        List<PairState> all = new ArrayList<>(states.values());
        all.sort(Comparator.comparing(s -> s.pair().toString()));
        return all;
    }

    AutoCloseable watch(PairKey pair, SlotName slot, Consumer<SlotTarget> listener) {
        List<Consumer<SlotTarget>> list =
                watchers.computeIfAbsent(pair + "/" + slot.label(), k -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /** Writes {@code s} to the state topic (synchronously), telling the observer how long it took. */
    void write(PairState s) {
        long start = System.nanoTime();
        store.write(s);
        observer.stateWritten(Duration.ofNanos(System.nanoTime() - start));
    }

    /** Keeps {@code s} (already on the state topic) and publishes its changes from the state it replaces. */
    void keep(PairState s) {
        publish(states.put(s.pair(), s), s);
    }

    /** Writes {@code next}, keeps it, logs a move of epoch or phase and publishes the changes from {@code before}. */
    void apply(PairState before, PairState next) {
        write(next);
        states.put(next.pair(), next);
        if (next.epoch() != before.epoch() || next.phase() != before.phase()) {
            LOG.info(
                    "pair {}: {} -> {} at epoch {}: {}",
                    next.pair(),
                    before.phase(),
                    next.phase(),
                    next.epoch(),
                    next.reason());
        }
        publish(before, next);
    }

    private void publish(PairState before, PairState next) {
        for (SlotName slot : SlotName.values()) {
            SlotTarget old = before == null ? SlotTarget.IDLE : before.targetOf(slot);
            SlotTarget now = next.targetOf(slot);
            if (old.replicas() != now.replicas() || old.active() != now.active()) {
                for (Consumer<SlotTarget> w : watchers.getOrDefault(next.pair() + "/" + slot.label(), List.of())) {
                    try {
                        w.accept(now);
                    } catch (RuntimeException e) {
                        LOG.warn("slot target watcher failed: {}", e.toString());
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
