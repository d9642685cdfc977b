package io.shadowscale.bench.sim;

import io.shadowscale.scaler.model.PolicySettings;
import java.time.Duration;

/**
 * Everything a simulation run depends on besides the trace. Defaults are named constants.
 *
 * @param workerCapacity records/s one worker processes (PROVISIONAL: 12,000 until the load harness
 *     measures it on the real worker)
 * @param learnCapacity whether the policy learns capacity instead of being told it
 * @param partitions partitions of the pair's topics
 * @param minReplicas fewest workers for every strategy
 * @param headroom Shadowscale's and static sizing's headroom (0.2 = 20 %)
 * @param lagTargetSeconds drain a backlog within this; lag above it (in seconds of input) counts as a miss
 * @param scaleUpDelaySeconds Shadowscale: a larger need must last this long
 * @param scaleDownDelaySeconds Shadowscale: a smaller need must last this long
 * @param decideEverySeconds Shadowscale: how often the controller measures and consults the policy
 * @param warmupSeconds KEDA: time for a new pod to start and join the group
 * @param walk Shadowscale: how long the simulated workers take to answer each command of a walk
 * @param commitIntervalSeconds consumers commit offsets this often (auto.commit.interval.ms), so the
 *     committed lag carries on average half an interval of processed records
 * @param kedaLagThreshold KEDA's {@code lagThreshold} (its default is 10)
 * @param kedaTunedLagThreshold a second KEDA run with a threshold a user might pick (0: none)
 * @param rebalanceStallSeconds KEDA: how long the partitions that move in a rebalance stay idle
 * @param hpaSyncSeconds HPA sync period
 * @param hpaMaxReplicas KEDA's maxReplicaCount (its default is 100)
 * @param seed seed of the built-in traces' noise and bursts
 * @param forecast Shadowscale's forecast setting (it acts once a day has been observed)
 */
public record SimConfig(
        double workerCapacity,
        boolean learnCapacity,
        int partitions,
        int minReplicas,
        double headroom,
        int lagTargetSeconds,
        int scaleUpDelaySeconds,
        int scaleDownDelaySeconds,
        int decideEverySeconds,
        int warmupSeconds,
        WalkTimes walk,
        double commitIntervalSeconds,
        long kedaLagThreshold,
        long kedaTunedLagThreshold,
        double rebalanceStallSeconds,
        int hpaSyncSeconds,
        int hpaMaxReplicas,
        long seed,
        boolean forecast) {

    /** Provisional until the load harness measures a worker. */
    public static final double DEFAULT_WORKER_CAPACITY = 12_000;

    public static final int DEFAULT_PARTITIONS = 12;
    public static final int DEFAULT_WARMUP_SECONDS = 10;
    public static final int DEFAULT_DECIDE_EVERY_SECONDS = 5;
    public static final double DEFAULT_COMMIT_INTERVAL_SECONDS = 5;
    public static final long KEDA_DEFAULT_LAG_THRESHOLD = 10;
    public static final double DEFAULT_REBALANCE_STALL_SECONDS = 3;
    public static final int HPA_SYNC_SECONDS = 15;
    public static final int KEDA_DEFAULT_MAX_REPLICAS = 100;
    public static final long DEFAULT_SEED = 42;

    public static final SimConfig DEFAULTS = new SimConfig(
            DEFAULT_WORKER_CAPACITY,
            false,
            DEFAULT_PARTITIONS,
            PolicySettings.DEFAULTS.minReplicas(),
            PolicySettings.DEFAULTS.headroom(),
            (int) PolicySettings.DEFAULTS.lagTarget().toSeconds(),
            (int) PolicySettings.DEFAULTS.scaleUpDelay().toSeconds(),
            (int) PolicySettings.DEFAULTS.scaleDownDelay().toSeconds(),
            DEFAULT_DECIDE_EVERY_SECONDS,
            DEFAULT_WARMUP_SECONDS,
            WalkTimes.MEASURED,
            DEFAULT_COMMIT_INTERVAL_SECONDS,
            KEDA_DEFAULT_LAG_THRESHOLD,
            tunedThreshold(DEFAULT_WORKER_CAPACITY, DEFAULT_COMMIT_INTERVAL_SECONDS),
            DEFAULT_REBALANCE_STALL_SECONDS,
            HPA_SYNC_SECONDS,
            KEDA_DEFAULT_MAX_REPLICAS,
            DEFAULT_SEED,
            PolicySettings.DEFAULTS.forecast());

    public SimConfig {
        if (workerCapacity <= 0
                || partitions < 1
                || minReplicas < 1
                || lagTargetSeconds < 1
                || decideEverySeconds < 1
                || warmupSeconds < 0
                || walk == null
                || commitIntervalSeconds < 0
                || kedaLagThreshold < 1
                || kedaTunedLagThreshold < 0
                || rebalanceStallSeconds < 0
                || hpaSyncSeconds < 1
                || hpaMaxReplicas < minReplicas) {
            throw new IllegalArgumentException("invalid simulation settings: " + this);
        }
    }

    /**
     * The KEDA lagThreshold at which, with no backlog, the committed lag alone (half a commit
     * interval of records) asks for exactly the workers the throughput needs: the kindest setting
     * for a lag-only scaler.
     */
    public static long tunedThreshold(double workerCapacity, double commitIntervalSeconds) {
        return Math.max(1, Math.round(workerCapacity * commitIntervalSeconds / 2));
    }

    /** The policy settings Shadowscale runs with. */
    public PolicySettings policySettings() {
        return new PolicySettings(
                learnCapacity ? 0 : workerCapacity,
                minReplicas,
                0,
                headroom,
                Duration.ofSeconds(lagTargetSeconds),
                Duration.ofSeconds(scaleUpDelaySeconds),
                Duration.ofSeconds(scaleDownDelaySeconds),
                PolicySettings.DEFAULTS.warmupTimeout(),
                PolicySettings.DEFAULTS.fenceTimeout(),
                forecast,
                PolicySettings.DEFAULTS.forecastLead(),
                PolicySettings.DEFAULTS.walkWarmup());
    }
}
