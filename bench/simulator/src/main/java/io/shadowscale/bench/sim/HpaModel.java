package io.shadowscale.bench.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes HPA (autoscaling/v2) as it treats one external metric with an AverageValue target,
 * as KEDA's Kafka scaler configures it, plus that scaler's metric:
 *
 * <ul>
 *   <li>metric: total committed lag over all partitions; with {@code allowIdleConsumers=false}
 *       (the default) cut to {@code partitions * lagThreshold} when {@code lag / lagThreshold}
 *       (integer division) exceeds the partition count;
 *   <li>raw desired: {@code ceil(metric / target)}, unless {@code |metric / (target * current) - 1|}
 *       is within the 10% tolerance, then the current count;
 *   <li>stabilization: the recommendation is raised to at least the lowest raw recommendation of the
 *       scale-up window and lowered to at most the highest of the scale-down window (defaults 0 s
 *       and 300 s); like the controller, the first sync seeds the window with the current count, so
 *       a new HPA waits a full window before its first scale-down;
 *   <li>rate policies, per period, counting the changes made within it: up by
 *       {@code max(4 pods, 100%)} per 15 s, down by 100% per 15 s (the defaults);
 *   <li>then {@code [minReplicas, maxReplicas]}.
 * </ul>
 *
 * Time is whole seconds passed in by the caller; a reconcile is one HPA sync.
 */
public final class HpaModel {
    public static final double TOLERANCE = 0.1;

    /** The HPA {@code behavior} fields this model honours. */
    public record Behavior(
            int upWindowSeconds,
            int downWindowSeconds,
            int upPods,
            int upPercent,
            int upPeriodSeconds,
            int downPercent,
            int downPeriodSeconds) {
        /** What the HPA uses when the ScaledObject sets no behavior. */
        public static final Behavior DEFAULTS = new Behavior(0, 300, 4, 100, 15, 100, 15);
    }

    private record Recommendation(int at, int replicas) {}

    private record ScaleEvent(int at, int change) {}

    private final int minReplicas;
    private final int maxReplicas;
    private final Behavior behavior;
    private final List<Recommendation> recommendations = new ArrayList<>();
    private final List<ScaleEvent> upEvents = new ArrayList<>();
    private final List<ScaleEvent> downEvents = new ArrayList<>();
    private boolean seeded;

    public HpaModel(int minReplicas, int maxReplicas, Behavior behavior) {
        if (minReplicas < 1 || maxReplicas < minReplicas) {
            throw new IllegalArgumentException(
                    "need 1 <= minReplicas <= maxReplicas, were " + minReplicas + ", " + maxReplicas);
        }
        this.minReplicas = minReplicas;
        this.maxReplicas = maxReplicas;
        this.behavior = behavior;
    }

    /** KEDA's Kafka scaler metric for a total lag. */
    public static long kafkaLagMetric(long totalLag, long lagThreshold, int partitions, boolean allowIdleConsumers) {
        if (!allowIdleConsumers && totalLag / lagThreshold > partitions) {
            return partitions * lagThreshold;
        }
        return totalLag;
    }

    /** The HPA's replica count for an AverageValue external metric, before behavior and bounds. */
    public static int rawDesired(long metric, long targetAverageValue, int currentReplicas) {
        double usageRatio = (double) metric / ((double) targetAverageValue * currentReplicas);
        if (Math.abs(1.0 - usageRatio) <= TOLERANCE) {
            return currentReplicas;
        }
        return (int) Math.ceil((double) metric / targetAverageValue);
    }

    /** One HPA sync at {@code now}: the replica count the HPA writes to the scale target. */
    public int reconcile(int now, int currentReplicas, long metric, long targetAverageValue) {
        if (!seeded) {
            recommendations.add(new Recommendation(now, currentReplicas));
            seeded = true;
        }
        int raw = rawDesired(metric, targetAverageValue, currentReplicas);
        int stabilized = stabilize(now, currentReplicas, raw);
        int desired = limitRate(now, currentReplicas, stabilized);
        if (desired > currentReplicas) {
            upEvents.add(new ScaleEvent(now, desired - currentReplicas));
        } else if (desired < currentReplicas) {
            downEvents.add(new ScaleEvent(now, currentReplicas - desired));
        }
        return desired;
    }

    private int stabilize(int now, int current, int raw) {
        int upCutoff = now - behavior.upWindowSeconds();
        int downCutoff = now - behavior.downWindowSeconds();
        int up = raw;
        int down = raw;
        for (Recommendation r : recommendations) {
            if (r.at() > upCutoff) {
                up = Math.min(up, r.replicas());
            }
            if (r.at() > downCutoff) {
                down = Math.max(down, r.replicas());
            }
        }
        recommendations.removeIf(r -> r.at() <= upCutoff && r.at() <= downCutoff);
        recommendations.add(new Recommendation(now, raw));
        int recommendation = current;
        if (recommendation < up) {
            recommendation = up;
        }
        if (recommendation > down) {
            recommendation = down;
        }
        return recommendation;
    }

    private int limitRate(int now, int current, int desired) {
        if (desired > current) {
            int added = changeWithin(upEvents, now, behavior.upPeriodSeconds());
            int deleted = changeWithin(downEvents, now, behavior.upPeriodSeconds());
            int periodStart = current - added + deleted;
            int byPods = periodStart + behavior.upPods();
            int byPercent = (int) Math.ceil(periodStart * (1 + behavior.upPercent() / 100.0));
            int limit = Math.max(current, Math.max(byPods, byPercent));
            int allowed = Math.min(maxReplicas, limit);
            return Math.min(desired, allowed);
        }
        if (desired < current) {
            int added = changeWithin(upEvents, now, behavior.downPeriodSeconds());
            int deleted = changeWithin(downEvents, now, behavior.downPeriodSeconds());
            int periodStart = current - added + deleted;
            int limit = Math.min(current, (int) (periodStart * (1 - behavior.downPercent() / 100.0)));
            int allowed = Math.max(minReplicas, limit);
            return Math.max(desired, allowed);
        }
        return Math.max(minReplicas, Math.min(maxReplicas, desired));
    }

    private static int changeWithin(List<ScaleEvent> events, int now, int periodSeconds) {
        int cutoff = now - periodSeconds;
        events.removeIf(e -> e.at() <= now - 600);
        int sum = 0;
        for (ScaleEvent e : events) {
            if (e.at() > cutoff) {
                sum += e.change();
            }
        }
        return sum;
    }
}
