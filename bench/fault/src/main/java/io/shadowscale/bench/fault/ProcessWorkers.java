package io.shadowscale.bench.fault;

import io.shadowscale.testkit.fleet.FleetWorker;
import io.shadowscale.testkit.fleet.WorkerLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts every fleet member as its own JVM ({@code io.shadowscale.worker.WorkerMain}, configured by
 * its environment), so that a kill is a real SIGKILL of a real process. Remembers every worker it
 * started, so the fault harness can pick one by id.
 */
public final class ProcessWorkers implements WorkerLauncher {
    static final String WORKER_MAIN = "io.shadowscale.worker.WorkerMain";
    /** Bound of a graceful stop (SIGTERM) before SIGKILL; the worker's own bound is 10 s. */
    static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final String classpath;
    private final Path logDir;
    private final Map<String, ProcessWorker> started = new ConcurrentHashMap<>();

    public ProcessWorkers(String classpath, Path logDir) {
        this.classpath = Objects.requireNonNull(classpath, "classpath");
        this.logDir = Objects.requireNonNull(logDir, "logDir");
    }

    @Override
    public FleetWorker launch(String workerId, Map<String, String> env) {
        ProcessWorker worker =
                new ProcessWorker(workerId, JavaProcess.start(workerId, classpath, WORKER_MAIN, env, logDir));
        started.put(workerId, worker);
        return worker;
    }

    /** The worker started with {@code workerId}, if any. */
    public Optional<ProcessWorker> worker(String workerId) {
        return Optional.ofNullable(started.get(workerId));
    }

    /** Every worker started so far. */
    public List<ProcessWorker> all() {
        return List.copyOf(started.values());
    }

    /** Lines containing {@code text} over every worker's log. */
    public long countInLogs(String text) {
        return started.values().stream()
                .mapToLong(w -> w.process().countInLog(text))
                .sum();
    }

    /** One worker process; {@link #close()} is a graceful stop (SIGTERM), {@link #kill()} a SIGKILL. */
    public record ProcessWorker(String workerId, JavaProcess process) implements FleetWorker {
        @Override
        public boolean alive() {
            return process.alive();
        }

        public void kill() {
            process.kill();
        }

        @Override
        public void close() {
            process.terminate(STOP_GRACE);
        }
    }
}
