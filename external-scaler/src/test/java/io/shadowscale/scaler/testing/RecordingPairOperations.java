package io.shadowscale.scaler.testing;

import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.admin.PairOperations;
import io.shadowscale.scaler.controller.OperatorResult;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PairState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pair operations over fixed states, for the admin and operator endpoints' tests: each operator
 * call is recorded ({@code resize shop/orders 3}, {@code pause ...}, {@code resume ...},
 * {@code rollback ...}) and answered with the answer last set.
 */
public final class RecordingPairOperations implements PairOperations {
    private final List<PairState> states;
    private final Map<PairKey, Observation> observations;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile OperatorResult answer;

    /** Over {@code states}, with the last traffic looks {@code observations}, answering {@code answer}. */
    public RecordingPairOperations(
            List<PairState> states, Map<PairKey, Observation> observations, OperatorResult answer) {
        this.states = List.copyOf(states);
        this.observations = Map.copyOf(observations);
        this.answer = answer;
    }

    /** The operator calls so far, oldest first (a live list: a test may clear it). */
    public List<String> calls() {
        return calls;
    }

    /** Answers the next operator calls with {@code next}. */
    public void answer(OperatorResult next) {
        this.answer = next;
    }

    @Override
    public List<PairState> states() {
        return states;
    }

    @Override
    public Optional<PairState> state(PairKey pair) {
        return states.stream().filter(s -> s.pair().equals(pair)).findFirst();
    }

    @Override
    public OperatorResult requestResize(PairKey pair, int replicas) {
        calls.add("resize " + pair + " " + replicas);
        return answer;
    }

    @Override
    public OperatorResult setPaused(PairKey pair, boolean paused) {
        calls.add((paused ? "pause " : "resume ") + pair);
        return answer;
    }

    @Override
    public OperatorResult requestRollback(PairKey pair) {
        calls.add("rollback " + pair);
        return answer;
    }

    @Override
    public Optional<Observation> observation(PairKey pair) {
        return Optional.ofNullable(observations.get(pair));
    }
}
