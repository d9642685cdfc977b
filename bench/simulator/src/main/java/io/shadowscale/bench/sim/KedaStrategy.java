package io.shadowscale.bench.sim;

import io.shadowscale.scaler.model.policy.PartitionBalance;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * KEDA's built-in Kafka scaler driving the HPA on one consumer group resized in place. Every
 * {@code syncSeconds} the HPA reads the lag metric and sets the Deployment's replicas. New pods run
 * (and are paid for) at once but join the group only after {@code warmupSeconds}; removed pods leave
 * at once. Each join or leave is a rebalance: the partitions that change owner (a sticky assignment
 * of evenly shared partitions) process nothing for {@code stallSeconds}.
 */
public final class KedaStrategy implements Strategy {
    private final String name;
    private final HpaModel hpa;
    private final long lagThreshold;
    private final int partitions;
    private final double workerCapacity;
    private final int warmupSeconds;
    private final double stallSeconds;
    private final int syncSeconds;
    /** Seconds at which started pods join the group, oldest first. */
    private final Deque<Integer> starting = new ArrayDeque<>();

    private int spec;
    private int members;
    private int events;
    private double stallStart;
    private double stallEnd;
    private double stalledShare;

    public KedaStrategy(
            String name,
            HpaModel hpa,
            long lagThreshold,
            int initialReplicas,
            int partitions,
            double workerCapacity,
            int warmupSeconds,
            double stallSeconds,
            int syncSeconds) {
        this.name = name;
        this.hpa = hpa;
        this.lagThreshold = lagThreshold;
        this.spec = initialReplicas;
        this.members = initialReplicas;
        this.partitions = partitions;
        this.workerCapacity = workerCapacity;
        this.warmupSeconds = warmupSeconds;
        this.stallSeconds = stallSeconds;
        this.syncSeconds = syncSeconds;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tick tick(int second, double inputRate, double backlog) {
        int joining = 0;
        while (!starting.isEmpty() && starting.peekFirst() <= second) {
            starting.pollFirst();
            joining++;
        }
        if (joining > 0) {
            rebalance(second, members, members + joining);
            members += joining;
        }
        double overlap = Math.max(0, Math.min(second + 1, stallEnd) - Math.max(second, stallStart));
        double lost = overlap * stalledShare;
        double capacity = workerCapacity * PartitionBalance.effectiveWorkers(members, partitions) * (1 - lost);
        return new Tick(capacity, spec, members, lost);
    }

    @Override
    public void observe(int second, double inputRate, double processedRate, double committedLag) {
        int now = second + 1;
        if (now % syncSeconds != 0) {
            return;
        }
        long metric = HpaModel.kafkaLagMetric(Math.round(committedLag), lagThreshold, partitions, false);
        int desired = hpa.reconcile(now, spec, metric, lagThreshold);
        if (desired == spec) {
            return;
        }
        events++;
        if (desired > spec) {
            for (int i = spec; i < desired; i++) {
                starting.addLast(now + warmupSeconds);
            }
        } else {
            int remove = spec - desired;
            while (remove > 0 && !starting.isEmpty()) {
                starting.pollLast();
                remove--;
            }
            if (remove > 0) {
                rebalance(now, members, members - remove);
                members -= remove;
            }
        }
        spec = desired;
    }

    @Override
    public int scaleEvents() {
        return events;
    }

    private void rebalance(double at, int from, int to) {
        double share = (double) movedPartitions(partitions, from, to) / partitions;
        if (at < stallEnd) {
            stalledShare = Math.max(stalledShare, share);
        } else {
            stallStart = at;
            stalledShare = share;
        }
        stallEnd = at + stallSeconds;
    }

    /**
     * Partitions that change owner when {@code from} members become {@code to} under a sticky
     * assignment of evenly shared partitions: every member that stays keeps as many of its
     * partitions as its new share allows.
     */
    public static int movedPartitions(int partitions, int from, int to) {
        int kept = 0;
        for (int i = 0; i < Math.min(from, to); i++) {
            kept += Math.min(share(partitions, from, i), share(partitions, to, i));
        }
        return partitions - kept;
    }

    private static int share(int partitions, int members, int index) {
        return partitions / members + (index < partitions % members ? 1 : 0);
    }
}
