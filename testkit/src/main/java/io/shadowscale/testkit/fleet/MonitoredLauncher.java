package io.shadowscale.testkit.fleet;

import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.http.HealthServer;
import io.shadowscale.worker.http.WorkerMetrics;
import io.shadowscale.worker.processor.RecordProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * In-process workers as {@code WorkerMain} wires them: each with its {@link WorkerMetrics} and its
 * own {@link HealthServer} (health, readiness, {@code /metrics}) on a free loopback port;
 * {@code onChange} gets the live workers' ports.
 */
public final class MonitoredLauncher implements WorkerLauncher {
    private final Function<String, RecordProcessor> processors;
    private final Clock clock;
    private final Consumer<Map<String, Integer>> onChange;
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    /** Workers whose processor for a worker id comes from {@code processors}. */
    public MonitoredLauncher(
            Function<String, RecordProcessor> processors, Clock clock, Consumer<Map<String, Integer>> onChange) {
        this.processors = processors;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** The metrics port of each live worker, by worker id. */
    public Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    @Override
    public FleetWorker launch(String workerId, Map<String, String> env) {
        WorkerConfig config = WorkerConfig.parse(env);
        Worker worker = new Worker(config, processors.apply(workerId), clock);
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

    /** Prometheus scrape targets ({@code 127.0.0.1:port}) of {@code ports}, sorted. */
    public static List<String> targets(Map<String, Integer> ports) {
        return ports.values().stream().sorted().map(p -> "127.0.0.1:" + p).toList();
    }
}
