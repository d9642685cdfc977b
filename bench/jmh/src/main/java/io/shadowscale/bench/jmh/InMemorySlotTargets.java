package io.shadowscale.bench.jmh;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A pair controller stand-in for benchmarks: targets live in a map (as the real controller's do
 * once decided), so a benchmark measures the gRPC side, not the policy.
 */
final class InMemorySlotTargets implements SlotTargets {
    private record Key(PairKey pair, SlotName slot) {}

    private final Map<Key, SlotTarget> targets = new ConcurrentHashMap<>();
    private final List<Consumer<SlotTarget>> watchers = new CopyOnWriteArrayList<>();

    @Override
    public void register(PairSpec spec) {
        targets.putIfAbsent(new Key(spec.pair(), SlotName.BLUE), SlotTarget.run(3, "bench"));
        targets.putIfAbsent(new Key(spec.pair(), SlotName.GREEN), SlotTarget.IDLE);
    }

    @Override
    public Optional<SlotTarget> target(PairKey pair, SlotName slot) {
        return Optional.ofNullable(targets.get(new Key(pair, slot)));
    }

    @Override
    public AutoCloseable watch(PairKey pair, SlotName slot, Consumer<SlotTarget> listener) {
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }
}
