package io.shadowscale.common;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What the product's processes (the scaler, the worker) do alike around their own start: the
 * exit codes, the logging configuration of the runnable jar, the report of an invalid
 * configuration, the redacted report of a failed start, and the wait for SIGTERM that runs the
 * shutdown once.
 */
public final class ProcessMain {
    /** The process ran and stopped normally. */
    public static final int EXIT_OK = 0;
    /** The process could not start (Kafka unreachable or refusing the login, a port taken, TLS files unreadable). */
    public static final int EXIT_START_FAILED = 1;
    /** The configuration is invalid: every problem was printed. */
    public static final int EXIT_BAD_CONFIG = 2;

    private ProcessMain() {}

    /**
     * Points logback at the jar's own configuration {@code resource} unless the user named one
     * ({@code -Dlogback.configurationFile}). Call it before the first logger is created.
     */
    public static void useLogging(String resource) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", resource);
        }
    }

    /** Ends the JVM with {@code code} unless it is {@link #EXIT_OK} (then the last non-daemon thread ends it). */
    public static void exit(int code) {
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /** Prints every problem of an invalid configuration and returns {@link #EXIT_BAD_CONFIG}. */
    public static int badConfig(String process, List<String> problems, String hint, PrintStream err) {
        err.println("shadowscale " + process + ": invalid configuration (" + problems.size() + " problems):");
        problems.forEach(p -> err.println("  - " + p));
        if (hint != null) {
            err.println(hint);
        }
        return EXIT_BAD_CONFIG;
    }

    /**
     * Prints why the process cannot start and returns {@link #EXIT_START_FAILED}. {@code reason}
     * must already be redacted: Kafka's messages may quote the client configuration.
     */
    public static int startFailed(String process, String reason, PrintStream err) {
        err.println("shadowscale " + process + ": cannot start: " + reason);
        return EXIT_START_FAILED;
    }

    /**
     * Runs {@code shutdown} once on SIGTERM (or any JVM exit) and blocks the caller until it has
     * run; an interrupt of the caller runs it too.
     */
    public static void awaitShutdown(String threadName, Runnable shutdown) {
        CountDownLatch done = new CountDownLatch(1);
        Runnable once = new Runnable() {
            private boolean ran;

            @Override
            public synchronized void run() {
                if (!ran) {
                    ran = true;
                    try {
                        shutdown.run();
                    } finally {
                        done.countDown();
                    }
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(once, threadName));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            once.run();
        }
    }
}
