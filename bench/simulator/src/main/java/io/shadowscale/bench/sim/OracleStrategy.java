package io.shadowscale.bench.sim;

import io.shadowscale.scaler.model.policy.PartitionBalance;

/**
 * The floor: each second, the fewest workers that process that second's input plus any backlog
 * carried over (only when even all partitions' workers could not keep up), as if resizing were
 * instant and free. No headroom, no delays; no real strategy can use fewer replica-hours and keep up.
 * With a headroom it is the floor of any strategy that keeps that headroom (the input times
 * {@code 1 + headroom}, plus backlog, each second).
 */
public final class OracleStrategy implements Strategy {
    private final String name;
    private final double headroom;
    private final int minimum;
    private final int partitions;
    private final double workerCapacity;
    private int last = -1;
    private int events;

    public OracleStrategy(int minimum, int partitions, double workerCapacity) {
        this("oracle", 0, minimum, partitions, workerCapacity);
    }

    public OracleStrategy(String name, double headroom, int minimum, int partitions, double workerCapacity) {
        this.name = name;
        this.headroom = headroom;
        this.minimum = minimum;
        this.partitions = partitions;
        this.workerCapacity = workerCapacity;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tick tick(int second, double inputRate, double backlog) {
        int workers = PartitionBalance.fewestWorkersFor(
                (inputRate * (1 + headroom) + backlog) / workerCapacity, minimum, partitions);
        if (last >= 0 && workers != last) {
            events++;
        }
        last = workers;
        return new Tick(workerCapacity * PartitionBalance.effectiveWorkers(workers, partitions), workers, workers, 0);
    }

    @Override
    public void observe(int second, double inputRate, double processedRate, double committedLag) {}

    @Override
    public int scaleEvents() {
        return events;
    }
}
