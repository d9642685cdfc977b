package io.shadowscale.testkit.fleet;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the Deployment of one slot of a pair in process: {@link #scaleTo(int)} starts workers
 * (ids {@code <pair name>-<slot>-<k>}, {@code k} counting up and never reused, as pod names are
 * never reused) or stops the newest ones first, all of them in parallel, each with a graceful
 * close, and returns when they have stopped. Every worker gets the template environment plus
 * its pair, slot and worker id.
 */
public final class SlotFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotFleet.class);

    private final PairKey pair;
    private final SlotName slot;
    private final Map<String, String> template;
    private final WorkerLauncher launcher;
    private final List<FleetWorker> running = new ArrayList<>();
    private int nextOrdinal = 1;
    private boolean closed;

    /**
     * @param template worker environment shared by every member (bootstrap servers, topics,
     *     control topic, timings; see {@link WorkerTemplate}); pair, slot and worker id are set here
     */
    public SlotFleet(PairKey pair, SlotName slot, Map<String, String> template, WorkerLauncher launcher) {
        this.pair = Objects.requireNonNull(pair, "pair");
        this.slot = Objects.requireNonNull(slot, "slot");
        this.template = Map.copyOf(template);
        this.launcher = Objects.requireNonNull(launcher, "launcher");
    }

    public PairKey pair() {
        return pair;
    }

    public SlotName slot() {
        return slot;
    }

    /**
     * Starts or stops workers until {@code replicas} run; stops the highest-numbered first and
     * waits for them. Returns the number running afterwards.
     */
    public int scaleTo(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0, was " + replicas);
        }
        List<FleetWorker> stopping = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("fleet " + pair + "/" + slot.label() + " is closed");
            }
            while (running.size() < replicas) {
                String id = pair.name() + "-" + slot.label() + "-" + nextOrdinal++;
                running.add(launcher.launch(id, env(id)));
            }
            while (running.size() > replicas) {
                stopping.add(running.remove(running.size() - 1));
            }
        }
        stopAll(stopping);
        return replicas();
    }

    /**
     * Replaces members that stopped on their own (crashed, killed), as a Deployment's ReplicaSet
     * replaces a pod that went away: a new worker id, the same environment. Returns the ids started.
     */
    public List<String> replaceStopped() {
        List<FleetWorker> gone = new ArrayList<>();
        List<String> started = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return started;
            }
            for (int i = 0; i < running.size(); i++) {
                if (!running.get(i).alive()) {
                    gone.add(running.get(i));
                    String id = pair.name() + "-" + slot.label() + "-" + nextOrdinal++;
                    running.set(i, launcher.launch(id, env(id)));
                    started.add(id);
                }
            }
        }
        if (!gone.isEmpty()) {
            LOG.info(
                    "{}/{}: replaced stopped {} with {}",
                    pair,
                    slot.label(),
                    gone.stream().map(FleetWorker::workerId).toList(),
                    started);
        }
        stopAll(gone);
        return started;
    }

    public synchronized int replicas() {
        return running.size();
    }

    /** The running workers, oldest first. */
    public synchronized List<FleetWorker> workers() {
        return List.copyOf(running);
    }

    /** The environment the worker {@code workerId} of this slot is started with. */
    public Map<String, String> env(String workerId) {
        Map<String, String> env = new HashMap<>(template);
        env.put("SHADOWSCALE_PAIR_NAMESPACE", pair.namespace());
        env.put("SHADOWSCALE_PAIR_NAME", pair.name());
        env.put("SHADOWSCALE_SLOT", slot.label());
        env.put("SHADOWSCALE_WORKER_ID", workerId);
        return Map.copyOf(env);
    }

    /** Stops every worker (gracefully, in parallel); later {@link #scaleTo} calls fail. */
    @Override
    public void close() {
        List<FleetWorker> stopping;
        synchronized (this) {
            closed = true;
            stopping = new ArrayList<>(running);
            running.clear();
        }
        Collections.reverse(stopping);
        stopAll(stopping);
    }

    /** Closes each on its own thread (pods stop in parallel) and waits for all of them. */
    private void stopAll(List<FleetWorker> stopping) {
        List<Thread> threads = new ArrayList<>();
        for (FleetWorker worker : stopping) {
            Thread t = new Thread(
                    () -> {
                        try {
                            worker.close();
                        } catch (RuntimeException e) {
                            LOG.warn("{}: close failed: {}", worker.workerId(), e.toString());
                        }
                    },
                    "fleet-stop-" + worker.workerId());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
