package io.shadowscale.worker;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.shadowscale.worker.http.HealthServer;
import io.shadowscale.worker.processor.RecordProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the runnable jar: configuration from the environment (every problem printed,
 * exit code 2), the processor loaded by class name, the worker and its HTTP endpoints started,
 * and a graceful stop on SIGTERM (an active worker stops, commits and leaves its group).
 */
public final class WorkerMain {
    static {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "shadowscale-worker-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    /** Exit code when the configuration is invalid. */
    public static final int EXIT_BAD_CONFIG = 2;

    private WorkerMain() {
    }

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
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Environment variables:");
            for (ConfigKey<?> key : WorkerConfig.KEYS) {
                System.out.printf("  %-38s default %-40s %s%n", key.name(), key.defaultValue().describe(), key.doc());
            }
            System.out.println("  SHADOWSCALE_KAFKA_<X>                  any Kafka client property <x> (lower-cased, _ -> .)");
            return;
        }
        Optional<WorkerConfig> parsed = configure(System.getenv(), System.err);
        if (parsed.isEmpty()) {
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        WorkerConfig config = parsed.get();
        LOG.info("configuration: {}", config.describe());
        RecordProcessor processor = (RecordProcessor) Class.forName(config.processorClass())
                .getDeclaredConstructor().newInstance();
        Worker worker = new Worker(config, processor, Clock.systemUTC());
        HealthServer http = new HealthServer(config.httpPort(), worker::alive, worker::snapshot, Map.of(
                "pair", config.pair().toString(), "slot", config.slot().label(), "worker", config.workerId()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping (signal)");
            worker.close();
            http.close();
            stopped.countDown();
        }, "worker-shutdown"));
        worker.start();
        LOG.info("worker {} listening on :{} (/healthz, /readyz, /metrics)", config.workerId(), http.port());
        stopped.await();
    }
}
