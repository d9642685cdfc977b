package io.shadowscale.worker;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.shadowscale.control.ControlChannel;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.worker.kafka.ConsumerLoop;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shadow-group worker: a member of its slot's consumer group that processes only while its
 * slot is active, and hands its partitions over at an exact per-partition offset barrier. Several
 * workers can run in one JVM ({@link #start()}, {@link #close()}).
 *
 * <p>The handoff from the active slot (blue) to the warmed one (green), as the controller drives it
 * over the control topic; every arrow is a control-topic record:
 *
 * <pre>
 *  controller                 blue workers (ACTIVE)                green workers (IDLE)
 *      │ Warm(expected=M, active_group=blue) ─────────────────────────────>│
 *      │                            │                    join green group, partitions paused,
 *      │                            │                    seek to blue's committed offsets
 *      │<──────────────────────────────────────────────── status SHADOW ready (group stable)
 *      │ Fence ───────────────────> │ pause all, finish in-flight,
 *      │                            │ commitSync, mode DRAINING
 *      │<── status stop_offsets ────│ (one offset per assigned partition)
 *      │ Barrier(offsets = union of stop offsets) ────────────────────────>│
 *      │                            │                    seek each partition to its barrier
 *      │                            │                    offset, resume, commit it, ACTIVE
 *      │<──────────────────────────────────────────────── status ACTIVE, active_partitions
 *      │ Drain ───────────────────> │ leave group, IDLE (scaled to zero)
 * </pre>
 *
 * Nothing is processed twice or skipped: blue's last processed offset + 1 is exactly where green
 * starts, and blue cannot move past it once fenced (its partitions are paused and it answers every
 * repeated fence with the same offsets). Commands older than the newest epoch seen are ignored.
 * The processing gap of a partition is one control round-trip plus one fetch.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkerConfig config;
    private final RecordProcessor processor;
    private final Clock clock;
    private final ConsumerLoop loop;
    private final Thread loopThread;
    private ScheduledExecutorService heartbeat;
    private ControlChannel channel;
    private final List<BiConsumer<WorkerSnapshot, String>> statusObservers = new CopyOnWriteArrayList<>();
    private boolean started;
    private boolean closed;

    public Worker(WorkerConfig config, RecordProcessor processor, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loop = new ConsumerLoop(config, processor, clock, this::publish);
        this.loopThread = new Thread(loop, "worker-" + config.workerId());
    }

    /** Opens the processor and the control channel and starts the poll loop (in IDLE, awaiting commands). */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("worker " + config.workerId() + " already started");
        }
        started = true;
        processor.open(new ProcessorContext(config.pair(), config.slot(), config.workerId(), config.outputTopic(),
                config.env()));
        channel = new ControlChannel(config.clientProperties(), config.controlTopic(), config.pair(), loop::submit);
        loopThread.start();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worker-heartbeat-" + config.workerId());
            t.setDaemon(true);
            return t;
        });
        long period = config.statusInterval().toMillis();
        heartbeat.scheduleAtFixedRate(() -> publish(loop.snapshot(), 0, ""), period, period, TimeUnit.MILLISECONDS);
        publish(loop.snapshot(), 0, "");
        LOG.info("worker {} of {} slot {} started (group {})", config.workerId(), config.pair(), config.slot().label(),
                config.groupId());
    }

    public WorkerConfig config() {
        return config;
    }

    public WorkerMode mode() {
        return loop.snapshot().mode();
    }

    public WorkerSnapshot snapshot() {
        return loop.snapshot();
    }

    /** The status message this worker would send now. */
    public WorkerStatus status() {
        return StatusMessages.status(config, loop.snapshot(), 0, "");
    }

    /** Whether the poll loop runs (false before start, after close or after a failure). */
    public boolean alive() {
        return loopThread.isAlive() && loop.snapshot().failure().isEmpty();
    }

    /**
     * Calls {@code observer} with every status this worker publishes (snapshot and refusal reason,
     * empty when none), on the publishing thread: it must be quick and must not throw.
     */
    public void observeStatus(BiConsumer<WorkerSnapshot, String> observer) {
        statusObservers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** Hands a control envelope to the poll loop directly, as if read from the control topic. */
    public void accept(ControlEnvelope envelope) {
        loop.submit(envelope);
    }

    private void publish(WorkerSnapshot snapshot, long answersCommandId, String refused) {
        statusObservers.forEach(o -> o.accept(snapshot, refused));
        ControlChannel out = channel;
        if (out == null) {
            return;
        }
        try {
            out.send(StatusMessages.envelope(config, snapshot.epoch(), clock.millis(),
                    StatusMessages.status(config, snapshot, answersCommandId, refused)));
        } catch (RuntimeException e) {
            LOG.warn("{}: could not send status: {}", config.workerId(), e.toString());
        }
    }

    /**
     * Stops gracefully: an ACTIVE worker stops every partition, commits and reports its stop
     * offsets (leaving), then leaves the group. Bounded by {@code SHADOWSCALE_SHUTDOWN_TIMEOUT_MS}.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            loop.shutdown();
            try {
                loopThread.join(config.shutdownTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (loopThread.isAlive()) {
                LOG.warn("{}: poll loop did not stop within {}", config.workerId(), config.shutdownTimeout());
                loopThread.interrupt();
            }
            if (heartbeat != null) {
                heartbeat.shutdownNow();
            }
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
        try {
            processor.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: processor close failed: {}", config.workerId(), e.toString());
        }
        LOG.info("worker {} stopped", config.workerId());
    }
}
