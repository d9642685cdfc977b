package io.shadowscale.worker;

import io.shadowscale.common.ProcessMain;
import io.shadowscale.worker.http.HealthServer;
import io.shadowscale.worker.http.WorkerMetrics;
import io.shadowscale.worker.processor.RecordProcessor;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the runnable jar: configuration from the environment (every problem printed,
 * exit code 2; secrets masked), the processor loaded by class name, the worker and its HTTP
 * endpoints started (a failure printed redacted, exit code 1), and a graceful stop on SIGTERM (an
 * active worker stops, commits and leaves its group).
 */
public final class WorkerMain {
    static {
        ProcessMain.useLogging("shadowscale-worker-logback.xml");
    }

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    /** Exit code when the configuration is invalid. */
    public static final int EXIT_BAD_CONFIG = ProcessMain.EXIT_BAD_CONFIG;
    /** Exit code when the worker cannot start (Kafka unreachable or refusing the login, port taken). */
    public static final int EXIT_START_FAILED = ProcessMain.EXIT_START_FAILED;

    private WorkerMain() {}

    /** The configuration, or empty after printing every problem to {@code err}. */
    static Optional<WorkerConfig> configure(Map<String, String> env, PrintStream err) {
        try {
            return Optional.of(WorkerConfig.parse(env));
        } catch (WorkerConfig.InvalidConfigException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    public static void main(String[] args) throws Exception {
        ProcessMain.exit(run(System.getenv(), args, System.out, System.err));
    }

    /**
     * Everything {@link #main} does, testable: returns the exit code ({@value #EXIT_BAD_CONFIG} for a
     * bad configuration, {@value #EXIT_START_FAILED} when the worker cannot start, e.g. Kafka refuses
     * its login) or blocks until the worker is stopped by a signal.
     */
    public static int run(Map<String, String> env, String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println("Environment variables:");
            for (ConfigKey<?> key : WorkerConfig.KEYS) {
                out.printf(
                        "  %-38s default %-40s %s%n",
                        key.name(), key.defaultValue().describe(), key.doc());
            }
            out.println("  SHADOWSCALE_KAFKA_<X>                  any Kafka client property <x> (lower-cased, _ -> .)");
            return 0;
        }
        Optional<WorkerConfig> parsed = configure(env, err);
        if (parsed.isEmpty()) {
            return EXIT_BAD_CONFIG;
        }
        WorkerConfig config = parsed.get();
        LOG.info("configuration: {}", config.describe());
        Worker worker = null;
        HealthServer http = null;
        try {
            RecordProcessor processor = (RecordProcessor) Class.forName(config.processorClass())
                    .getDeclaredConstructor()
                    .newInstance();
            worker = new Worker(config, processor, Clock.systemUTC());
            Worker started = worker;
            WorkerMetrics metrics = new WorkerMetrics(
                    started::snapshot,
                    Map.of(
                            "pair",
                            config.pair().toString(),
                            "slot",
                            config.slot().label(),
                            "worker",
                            config.workerId()));
            worker.observeStatus(metrics::published);
            worker.observeCommits(metrics::committed);
            http = new HealthServer(config.httpPort(), started::alive, started::snapshot, metrics.registry());
            worker.start();
        } catch (Exception | LinkageError e) {
            // Kafka's messages may quote the configuration: only the redacted cause chain is printed
            String cause = config.secrets().describe(e);
            LOG.error("cannot start: {}", cause);
            if (worker != null) {
                worker.close();
            }
            if (http != null) {
                http.close();
            }
            return ProcessMain.startFailed("worker", cause, err);
        }
        Worker running = worker;
        HealthServer endpoints = http;
        LOG.info("worker {} listening on :{} (/healthz, /readyz, /metrics)", config.workerId(), http.port());
        ProcessMain.awaitShutdown("worker-shutdown", () -> {
            LOG.info("stopping (signal)");
            running.close();
            endpoints.close();
        });
        return ProcessMain.EXIT_OK;
    }
}
