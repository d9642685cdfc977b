package io.shadowscale.worker;

import io.shadowscale.common.Partition;
import io.shadowscale.control.ControlChannel;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.worker.errors.AdminTopicCheck;
import io.shadowscale.worker.errors.ErrorHandlingProcessor;
import io.shadowscale.worker.errors.Sleeper;
import io.shadowscale.worker.kafka.ConsumerLoop;
import io.shadowscale.worker.model.CommitKind;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordProcessor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shadow-group worker: a member of its slot's consumer group that processes only while its
 * slot is active, and hands its partitions over at exact per-partition offsets: in the planned
 * handoff, each old owner stops a partition at the plan's offset and releases it, and the new owner
 * starts it from the records it held there; in the fence/barrier walk (the fallback, and what a
 * version-1 controller sends), the old slot stops at once and the new one starts at the barrier.
 * The protocol, with its diagram and guarantees, is {@code docs/design/handoff.md}.
 * Several workers can run in one JVM ({@link #start()}, {@link #close()}).
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkerConfig config;
    private final ErrorHandlingProcessor processor;
    private final AdminTopicCheck deadLetterCheck;
    private final Clock clock;
    private final ConsumerLoop loop;
    private final Thread loopThread;
    private ScheduledExecutorService heartbeat;
    private ControlChannel channel;
    private ReleaseRetries releases;
    private final List<BiConsumer<WorkerSnapshot, String>> statusObservers = new CopyOnWriteArrayList<>();
    private boolean started;
    private boolean closed;

    /**
     * @param processor the user's code; the worker runs it inside its error policy
     *     ({@code SHADOWSCALE_ERROR_POLICY}, {@link ErrorHandlingProcessor})
     */
    public Worker(WorkerConfig config, RecordProcessor processor, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(processor, "processor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadLetterCheck = new AdminTopicCheck(
                config.clientProperties(), config.groupId() + "." + config.workerId() + ".dlq-check");
        this.processor = new ErrorHandlingProcessor(
                processor, config.errorPolicy(), deadLetterCheck, Sleeper.SYSTEM, config::redact);
        this.loop = new ConsumerLoop(config, this.processor, clock, this::publish, this::release);
        this.loopThread = new Thread(loop, "worker-" + config.workerId());
    }

    /** Opens the processor and the control channel and starts the poll loop (in IDLE, awaiting commands). */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("worker " + config.workerId() + " already started");
        }
        started = true;
        processor.open(new ProcessorContext(
                config.pair(), config.slot(), config.workerId(), config.outputTopic(), config.env()));
        channel = new ControlChannel(config.clientProperties(), config.controlTopic(), config.pair(), loop::submit);
        releases = new ReleaseRetries(config.workerId(), channel::send);
        loopThread.start();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worker-heartbeat-" + config.workerId());
            t.setDaemon(true);
            return t;
        });
        long period = config.statusInterval().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
        publish(loop.snapshot(), 0, "");
        LOG.info(
                "worker {} of {} slot {} started (group {})",
                config.workerId(),
                config.pair(),
                config.slot().label(),
                config.groupId());
    }

    public WorkerConfig config() {
        return config;
    }

    public WorkerMode mode() {
        return loop.snapshot().mode();
    }

    /**
     * The poll loop's snapshot with the error policy's counts, not ready while the processor says it cannot take
     * records.
     */
    public WorkerSnapshot snapshot() {
        return gated(loop.snapshot().withErrors(processor.counts()));
    }

    /** The status message this worker would send now. */
    public WorkerStatus status() {
        return StatusMessages.status(config, snapshot(), 0, "");
    }

    private WorkerSnapshot gated(WorkerSnapshot snapshot) {
        return snapshot.ready() && processor.notReadyReason().isPresent() ? snapshot.notReady() : snapshot;
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

    /**
     * Calls {@code observer} with each successful commit (offsets, or an exactly-once transaction) and how long it
     * took, on the poll thread: it must be quick and must not throw.
     */
    public void observeCommits(BiConsumer<CommitKind, Duration> observer) {
        loop.commits().observe(observer);
    }

    /** Hands a control envelope to the poll loop directly, as if read from the control topic. */
    public void accept(ControlEnvelope envelope) {
        loop.submit(envelope);
    }

    /**
     * Sends a planned handoff's release at once (the next owners start the partitions when they
     * read it); one that could not be sent goes again at the next heartbeat ({@link ReleaseRetries}).
     */
    private void release(long epoch, Map<Partition, Long> offsets, long stoppedAtMillis) {
        ReleaseRetries out = releases;
        if (out != null) {
            out.send(StatusMessages.release(config, epoch, clock.millis(), offsets, stoppedAtMillis));
        }
    }

    /** A heartbeat: the status, and the releases that could not be sent yet. */
    private void beat() {
        WorkerSnapshot now = loop.snapshot();
        if (now.mode() == WorkerMode.IDLE) {
            releases.clear();
        } else {
            releases.retry();
        }
        publish(now, 0, "");
    }

    private void publish(WorkerSnapshot snapshot, long answersCommandId, String refused) {
        statusObservers.forEach(o -> o.accept(snapshot, refused));
        ControlChannel out = channel;
        if (out == null) {
            return;
        }
        try {
            WorkerSnapshot counted = gated(snapshot.withErrors(processor.counts()));
            out.send(StatusMessages.envelope(
                    config,
                    counted.epoch(),
                    clock.millis(),
                    StatusMessages.status(config, counted, answersCommandId, refused)));
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
        deadLetterCheck.close();
        LOG.info("worker {} stopped", config.workerId());
    }
}
