package io.shadowscale.scaler;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.shadowscale.scaler.controller.Leadership;
import io.shadowscale.scaler.k8s.LeaderElection;

/**
 * The controller's {@link Leadership} seen through a Kubernetes {@link LeaderElection}: leads while
 * the election does. The election has no way to remove a listener, so one listener fans out to
 * those registered here, and closing a handle removes it from that list.
 */
final class ElectionLeadership implements Leadership {
    private final LeaderElection election;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

    ElectionLeadership(LeaderElection election) {
        this.election = Objects.requireNonNull(election, "election");
        election.addListener(leading -> listeners.forEach(l -> l.accept(leading)));
    }

    @Override
    public boolean isLeader() {
        return election.isLeader();
    }

    @Override
    public AutoCloseable onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
