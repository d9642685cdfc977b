package io.shadowscale.testkit.fleet;

import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.processor.RecordProcessor;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Starts one fleet member from its complete worker environment ({@code SHADOWSCALE_*} keys, the
 * worker id included). {@link #inProcess} starts a real {@link Worker}; tests of the fleet's own
 * bookkeeping pass a fake.
 */
@FunctionalInterface
public interface WorkerLauncher {
    FleetWorker launch(String workerId, Map<String, String> env);

    /**
     * Real in-process workers: {@code WorkerConfig.parse(env)}, a processor from
     * {@code processors} (called with the worker id, so each worker gets its own instance, which
     * may share one sink such as an {@code ObservationLog}), {@code start()}.
     */
    static WorkerLauncher inProcess(Function<String, RecordProcessor> processors, Clock clock) {
        Objects.requireNonNull(processors, "processors");
        Objects.requireNonNull(clock, "clock");
        return (workerId, env) -> {
            Worker worker = new Worker(WorkerConfig.parse(env), processors.apply(workerId), clock);
            worker.start();
            return new InProcessWorker(workerId, worker);
        };
    }

    /**
     * A real worker running in this JVM; {@code afterClose} runs once the worker stopped (e.g. what
     * was started beside it closes).
     */
    record InProcessWorker(String workerId, Worker worker, Runnable afterClose) implements FleetWorker {
        public InProcessWorker {
            Objects.requireNonNull(workerId, "workerId");
            Objects.requireNonNull(worker, "worker");
            Objects.requireNonNull(afterClose, "afterClose");
        }

        /** A worker with nothing beside it. */
        public InProcessWorker(String workerId, Worker worker) {
            this(workerId, worker, () -> {});
        }

        @Override
        public boolean alive() {
            return worker.alive();
        }

        @Override
        public void close() {
            worker.close();
            afterClose.run();
        }
    }
}
