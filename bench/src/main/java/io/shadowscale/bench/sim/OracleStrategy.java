package io.shadowscale.bench.sim;

import io.shadowscale.scaler.model.policy.PartitionBalance;

/**
 * The floor: each second, the fewest workers that process that second's input plus any backlog
 * carried over (only when even all partitions' workers could not keep up), as if resizing were
 * instant and free. No headroom, no delays; no real strategy can use fewer replica-hours and keep up.
 */
public final class OracleStrategy implements Strategy {
    private final int minimum;
    private final int partitions;
    private final double workerCapacity;
    private int last = -1;
    private int events;

    public OracleStrategy(int minimum, int partitions, double workerCapacity) {
        this.minimum = minimum;
        this.partitions = partitions;
        this.workerCapacity = workerCapacity;
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public Tick tick(int second, double inputRate, double backlog) {
        int workers = PartitionBalance.fewestWorkersFor((inputRate + backlog) / workerCapacity, minimum, partitions);
        if (last >= 0 && workers != last) {
            events++;
        }
        last = workers;
        return new Tick(workerCapacity * PartitionBalance.effectiveWorkers(workers, partitions), workers, workers, 0);
    }

    @Override
    public void observe(int second, double inputRate, double processedRate, double committedLag) {
    }

    @Override
    public int scaleEvents() {
        return events;
    }
}
