package io.shadowscale.testkit.fleet;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays KEDA and the Deployment controller for one pair in process: scales each slot's
 * {@link SlotFleet} to the replicas of its {@link SlotTargets#target target}. It reacts to
 * {@link SlotTargets#watch pushed changes} at once and also polls every {@code pollInterval}
 * (KEDA polls too, and a push may be missed across a controller restart). Each slot is followed on
 * a thread of its own, so a slow graceful stop in one slot never delays a start in the other; a
 * watch listener only schedules work, it never blocks the controller's thread.
 * An unknown pair means 0 replicas.
 */
public final class TargetFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TargetFollower.class);

    /** One scale action taken: which slot, from how many to how many running workers, when (nanoTime). */
    public record ScaleEvent(SlotName slot, int from, int to, long atNanos) {}

    private final SlotTargets targets;
    private final PairKey pair;
    private final PairFleet fleet;
    private final Duration pollInterval;
    private final Consumer<ScaleEvent> events;
    private final Map<SlotName, ScheduledExecutorService> threads = new EnumMap<>(SlotName.class);
    private final List<AutoCloseable> watches = new ArrayList<>();
    private boolean started;

    public TargetFollower(SlotTargets targets, PairFleet fleet, Duration pollInterval, Consumer<ScaleEvent> events) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.pair = fleet.pair();
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.events = Objects.requireNonNull(events, "events");
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must be > 0, was " + pollInterval);
        }
    }

    public TargetFollower(SlotTargets targets, PairFleet fleet, Duration pollInterval) {
        this(targets, fleet, pollInterval, e -> {});
    }

    /** Watches both slots and starts polling. */
    public synchronized TargetFollower start() {
        if (started) {
            throw new IllegalStateException("follower of " + pair + " already started");
        }
        started = true;
        for (SlotName slot : SlotName.values()) {
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "follow-" + pair.name() + "-" + slot.label());
                t.setDaemon(true);
                return t;
            });
            threads.put(slot, thread);
            watches.add(targets.watch(pair, slot, target -> schedule(slot)));
            long period = pollInterval.toMillis();
            thread.scheduleWithFixedDelay(() -> follow(slot), 0, period, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** The replicas the slot should run now: the target's, or 0 when the pair is unknown. */
    public int wanted(SlotName slot) {
        return targets.target(pair, slot).map(SlotTarget::replicas).orElse(0);
    }

    private void schedule(SlotName slot) {
        ScheduledExecutorService thread = threads.get(slot);
        try {
            thread.execute(() -> follow(slot));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void follow(SlotName slot) {
        try {
            SlotFleet slotFleet = fleet.slot(slot);
            int want = wanted(slot);
            int have = slotFleet.replicas();
            if (want != have) {
                LOG.info("{} {}: scaling {} -> {}", pair, slot.label(), have, want);
                slotFleet.scaleTo(want);
                events.accept(new ScaleEvent(slot, have, want, System.nanoTime()));
            }
        } catch (RuntimeException e) {
            LOG.warn("{} {}: following the target failed: {}", pair, slot.label(), e.toString());
        }
    }

    /** Stops watching and polling (the fleet keeps running; close it separately). */
    @Override
    public synchronized void close() {
        for (AutoCloseable watch : watches) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.warn("{}: closing a watch failed: {}", pair, e.toString());
            }
        }
        watches.clear();
        threads.values().forEach(ScheduledExecutorService::shutdown);
        for (ScheduledExecutorService thread : threads.values()) {
            try {
                if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.shutdownNow();
            }
        }
    }
}
