package io.shadowscale.scaler.grpc;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An in-memory pair controller whose targets the test sets. Registered pairs start idle. */
final class FakeSlotTargets implements SlotTargets {
    private record Key(PairKey pair, SlotName slot) {}

    private record Watch(Key key, Consumer<SlotTarget> listener) {}

    final List<PairSpec> registrations = new CopyOnWriteArrayList<>();
    private final Map<Key, SlotTarget> targets = new ConcurrentHashMap<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    volatile RuntimeException failure;

    @Override
    public void register(PairSpec spec) {
        failIfAsked();
        registrations.add(spec);
        for (SlotName slot : SlotName.values()) {
            targets.putIfAbsent(new Key(spec.pair(), slot), SlotTarget.IDLE);
        }
    }

    @Override
    public Optional<SlotTarget> target(PairKey pair, SlotName slot) {
        failIfAsked();
        return Optional.ofNullable(targets.get(new Key(pair, slot)));
    }

    @Override
    public AutoCloseable watch(PairKey pair, SlotName slot, Consumer<SlotTarget> listener) {
        failIfAsked();
        Watch watch = new Watch(new Key(pair, slot), listener);
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    /** Changes a slot's target and tells its watchers, as the controller does after a transition. */
    void set(PairKey pair, SlotName slot, SlotTarget target) {
        Key key = new Key(pair, slot);
        targets.put(key, target);
        for (Watch watch : new ArrayList<>(watches)) {
            if (watch.key().equals(key)) {
                watch.listener().accept(target);
            }
        }
    }

    /** Forgets a pair entirely (as if the controller never heard of it). */
    void forget(PairKey pair) {
        targets.keySet().removeIf(k -> k.pair().equals(pair));
    }

    int openWatches() {
        return watches.size();
    }

    private void failIfAsked() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }
}
