package io.shadowscale.testkit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The bench commands' log levels when no logback configuration file is given. */
public final class BenchLogs {
    private BenchLogs() {}

    /**
     * Warnings and errors only, {@code errorsOnly} loggers errors only, except the loggers named in
     * {@code -Dbench.infoLoggers=a.b.C,d.e} (INFO) and {@code -Dbench.debugLoggers} (DEBUG), e.g. the
     * workers' poll loop. Nothing changes with {@code -Dlogback.configurationFile} or another backend.
     */
    public static void quiet(String... errorsOnly) {
        if (System.getProperty("logback.configurationFile") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        for (String name : errorsOnly) {
            context.getLogger(name).setLevel(Level.ERROR);
        }
        set(context, System.getProperty("bench.infoLoggers", ""), Level.INFO);
        set(context, System.getProperty("bench.debugLoggers", ""), Level.DEBUG);
    }

    private static void set(LoggerContext context, String names, Level level) {
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                context.getLogger(name.trim()).setLevel(level);
            }
        }
    }
}
