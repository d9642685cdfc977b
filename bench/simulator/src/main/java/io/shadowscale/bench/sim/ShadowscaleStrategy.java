package io.shadowscale.bench.sim;

import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.ScalingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Shadowscale: the real {@link ScalingPolicy} decides every {@link SimConfig#decideEverySeconds} from rates
 * averaged over that interval and the committed lag, with the memory kept in the pair's state; the
 * {@link PairWalk} (the controller's state machine) carries out each resize.
 */
public final class ShadowscaleStrategy implements Strategy {
    /** The virtual clock's origin: simulated second 0. */
    public static final Instant EPOCH = StateMachineWalk.EPOCH;

    private final ScalingPolicy policy;
    private final SimConfig config;
    private final PairWalk walk;
    private final List<String> decisions = new ArrayList<>();
    private int active;
    private int events;
    private double inputSum;
    private double processedSum;
    private int samples;

    /**
     * Shadowscale on {@code config}'s partitions and workers, deciding with its policy settings
     * ({@link SimConfig#policySettings}), starting with {@code initialWorkers} active.
     */
    public ShadowscaleStrategy(ScalingPolicy policy, SimConfig config, int initialWorkers) {
        this.policy = policy;
        this.config = config;
        this.walk = new StateMachineWalk(initialWorkers, config.partitions(), config.policySettings(), config.walk());
        this.active = walk.state().activeReplicas();
    }

    @Override
    public String name() {
        return "shadowscale";
    }

    @Override
    public Tick tick(int second, double inputRate, double backlog) {
        PairWalk.Step step = walk.step(second);
        if (step.cutover()) {
            events++;
        }
        active = step.activeWorkers();
        return new Tick(
                config.workerCapacity() * step.workerSeconds(), step.billedWorkers(), active, step.stallSeconds());
    }

    @Override
    public void observe(int second, double inputRate, double processedRate, double committedLag) {
        inputSum += inputRate;
        processedSum += processedRate;
        samples++;
        if ((second + 1) % config.decideEverySeconds() != 0) {
            return;
        }
        double input = inputSum / samples;
        double processed = processedSum / samples;
        inputSum = 0;
        processedSum = 0;
        samples = 0;
        if (walk.walking()) {
            return;
        }
        Observation obs = new Observation(
                EPOCH.plusSeconds(second + 1L),
                config.partitions(),
                active,
                input,
                processed,
                Math.round(committedLag));
        PolicyOutcome outcome =
                policy.decide(obs, config.policySettings(), walk.state().memory());
        if (outcome.decision().resize() && outcome.decision().replicas() != active) {
            decisions.add((second + 1) + "s " + outcome.decision().reason());
        }
        walk.decide(second + 1, outcome);
    }

    @Override
    public int scaleEvents() {
        return events;
    }

    /** Each resize the policy decided, with its second and reason. */
    public List<String> decisions() {
        return List.copyOf(decisions);
    }

    public PolicyMemory memory() {
        return walk.state().memory();
    }

    /** The pair's state: phase, sizes and its last transitions. */
    public PairState pairState() {
        return walk.state();
    }
}
