package io.shadowscale.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Keeps the terminal for the progress line: everything is logged to {@code demo.log} in the
 * report directory (Shadowscale at INFO, the rest at WARN); only errors reach the console.
 */
final class DemoLogging {
    private DemoLogging() {}

    static void toFile(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.WARN);
        context.getLogger("io.shadowscale").setLevel(Level.INFO);
        for (String noisy : new String[] {"kafka", "state.change.logger", "org.apache.kafka"}) {
            context.getLogger(noisy).setLevel(Level.ERROR);
        }
    }
}
