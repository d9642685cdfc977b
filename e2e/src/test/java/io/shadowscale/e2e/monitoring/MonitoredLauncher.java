package io.shadowscale.e2e.monitoring;

import io.shadowscale.testkit.fleet.FleetWorker;
import io.shadowscale.testkit.fleet.WorkerLauncher;
import io.shadowscale.testkit.sequence.ObservationLog;
import io.shadowscale.testkit.sequence.VerifyingProcessor;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.http.HealthServer;
import io.shadowscale.worker.http.WorkerMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * In-process workers as {@code WorkerMain} wires them: each with its {@link WorkerMetrics} and its
 * own {@link HealthServer} on a free port; {@code onChange} gets the live workers' metrics ports.
 */
final class MonitoredLauncher implements WorkerLauncher {
    private final ObservationLog log;
    private final Clock clock;
    private final Consumer<Map<String, Integer>> onChange;
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    MonitoredLauncher(ObservationLog log, Clock clock, Consumer<Map<String, Integer>> onChange) {
        this.log = log;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** The metrics port of each live worker, by worker id. */
    Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    @Override
    public FleetWorker launch(String workerId, Map<String, String> env) {
        WorkerConfig config = WorkerConfig.parse(env);
        Worker worker = new Worker(config, new VerifyingProcessor(log, clock), clock);
        WorkerMetrics metrics = new WorkerMetrics(
                worker::snapshot,
                Map.of("pair", config.pair().toString(), "slot", config.slot().label(), "worker", workerId));
        worker.observeStatus(metrics::published);
        worker.observeCommits(metrics::committed);
        HealthServer http;
        try {
            http = new HealthServer(0, worker::alive, worker::snapshot, metrics.registry());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        worker.start();
        ports.put(workerId, http.port());
        onChange.accept(ports());
        return new WorkerLauncher.InProcessWorker(workerId, worker, () -> {
            ports.remove(workerId);
            onChange.accept(ports());
            http.close();
        });
    }

    static List<String> targets(Map<String, Integer> ports) {
        return ports.values().stream().sorted().map(p -> "127.0.0.1:" + p).toList();
    }
}
