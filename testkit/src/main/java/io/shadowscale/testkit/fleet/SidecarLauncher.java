package io.shadowscale.testkit.fleet;

import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.sidecar.SidecarProcessor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Fleet members in sidecar mode: each an in-process worker with {@code SHADOWSCALE_PROCESSOR=grpc}
 * on a free loopback port, and its own Node.js application process ({@link NodeApplication})
 * connected to it, as the two containers of a pod. Closing one stops the worker gracefully first
 * (its in-flight batches still get acked), then the application.
 */
public final class SidecarLauncher implements WorkerLauncher {
    private final BiFunction<String, SidecarProcessor, RecordProcessor> wrap;
    private final Clock clock;
    private final Path script;
    private final Path logDir;

    /**
     * @param wrap the processor the worker runs, around its sidecar (e.g. an {@link OutputTap}),
     *     given the worker id
     * @param logDir where each application's output goes ({@code <worker id>.log}); null: nowhere
     */
    public SidecarLauncher(BiFunction<String, SidecarProcessor, RecordProcessor> wrap, Clock clock, Path logDir) {
        this.wrap = Objects.requireNonNull(wrap, "wrap");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.script = NodeApplication.script();
        this.logDir = logDir;
    }

    @Override
    public FleetWorker launch(String workerId, Map<String, String> env) {
        SidecarProcessor sidecar = new SidecarProcessor();
        Worker worker = new Worker(
                WorkerConfig.parse(WorkerTemplate.with(
                        env,
                        Map.of(
                                "SHADOWSCALE_PROCESSOR",
                                WorkerConfig.SIDECAR_PROCESSOR,
                                "SHADOWSCALE_SIDECAR_PORT",
                                "0"))),
                wrap.apply(workerId, sidecar),
                clock);
        worker.start();
        NodeApplication app = NodeApplication.start(
                script, sidecar.port(), logDir == null ? null : logDir.resolve(workerId + ".log"));
        return new SidecarWorker(workerId, worker, sidecar, app);
    }

    /** One worker with its application. */
    public record SidecarWorker(String workerId, Worker worker, SidecarProcessor sidecar, NodeApplication application)
            implements FleetWorker {
        @Override
        public boolean alive() {
            return worker.alive() && application.alive();
        }

        @Override
        public void close() {
            try {
                worker.close();
            } finally {
                application.close();
            }
        }
    }
}
