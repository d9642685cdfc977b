package io.shadowscale.bench.sim;

import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicyOutcome;

/**
 * The pair as the simulator sees it: its controller state (phase, sizes, policy memory, history),
 * the policy's outcomes handed to it, and what its workers process and cost second by second.
 * {@link StateMachineWalk} drives the controller's own {@code PairTransitions}.
 */
public interface PairWalk {
    /** The pair's state now. */
    PairState state();

    /** Whether a walk is under way (the policy is not consulted then). */
    default boolean walking() {
        return state().phase().walking();
    }

    /**
     * Hands the policy's outcome to the pair at the start of {@code second}: its memory is kept in
     * the state, and a resize starts a walk. Call only while not walking, after {@link #step} of
     * {@code second - 1}.
     */
    void decide(int second, PolicyOutcome outcome);

    /** The pair during {@code second}; called once per second, in order. */
    Step step(int second);

    /**
     * @param activeWorkers workers of the active slot at the end of the second
     * @param billedWorkers the most workers running (and paid for) at any moment of the second:
     *     both slots while the new one warms up and the old one drains
     * @param workerSeconds effective worker-seconds of processing during the second (see
     *     {@code PartitionBalance}); nothing is processed between the Fence and the new slot's
     *     report that every partition is active
     * @param stallSeconds processing time of the whole pair lost in the second to cutovers
     * @param cutover whether the new slot became active in this second
     */
    record Step(int activeWorkers, int billedWorkers, double workerSeconds, double stallSeconds, boolean cutover) {}
}
