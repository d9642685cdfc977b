package io.shadowscale.bench.sim;

import io.shadowscale.scaler.model.policy.PartitionBalance;

/** Static sizing: the same number of workers all day, never rescaled. */
public final class FixedStrategy implements Strategy {
    private final String name;
    private final int workers;
    private final double capacity;

    public FixedStrategy(String name, int workers, int partitions, double workerCapacity) {
        this.name = name;
        this.workers = workers;
        this.capacity = workerCapacity * PartitionBalance.effectiveWorkers(workers, partitions);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tick tick(int second, double inputRate, double backlog) {
        return new Tick(capacity, workers, workers, 0);
    }

    @Override
    public void observe(int second, double inputRate, double processedRate, double committedLag) {}

    @Override
    public int scaleEvents() {
        return 0;
    }
}
