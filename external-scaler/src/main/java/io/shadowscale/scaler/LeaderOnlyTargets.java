package io.shadowscale.scaler;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Answers KEDA only while this replica leads. A standby's targets come from the state topic and
 * lag the leader's by up to one metrics interval, so a stale standby could tell KEDA to stop a
 * warming slot (docs/design/controller.md, Leadership). While standing by, {@link #target} throws, which the
 * gRPC service turns into {@code UNAVAILABLE}; KEDA keeps the last replica count it had and retries
 * (through the Service, usually reaching the leader, whose health check is the only SERVING one).
 * Registrations pass through, so a standby that becomes leader knows the pairs; pushed changes
 * reach watchers only while leading (KEDA acts on a pushed {@code true} at once).
 */
final class LeaderOnlyTargets implements SlotTargets {
    static final String STANDBY = "this scaler replica is a standby; only the leader answers KEDA";

    private final SlotTargets delegate;
    private final BooleanSupplier leading;

    LeaderOnlyTargets(SlotTargets delegate, BooleanSupplier leading) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.leading = Objects.requireNonNull(leading, "leading");
    }

    @Override
    public void register(PairSpec spec) {
        delegate.register(spec);
    }

    @Override
    public Optional<SlotTarget> target(PairKey pair, SlotName slot) {
        if (!leading.getAsBoolean()) {
            throw new IllegalStateException(STANDBY);
        }
        return delegate.target(pair, slot);
    }

    @Override
    public AutoCloseable watch(PairKey pair, SlotName slot, Consumer<SlotTarget> listener) {
        return delegate.watch(pair, slot, target -> {
            if (leading.getAsBoolean()) {
                listener.accept(target);
            }
        });
    }
}
