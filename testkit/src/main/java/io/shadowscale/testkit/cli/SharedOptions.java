package io.shadowscale.testkit.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/**
 * {@code --out}, the report directory of the benches that write one per run, as a picocli
 * {@code @Mixin}: {@code reports/<command name>/<timestamp>} by default. The docs of the options
 * several benches take with defaults of their own are here too, so that they mean the same in each.
 */
public final class SharedOptions {
    /** Stands in a {@code --out} value for the time the run starts. */
    public static final String TIMESTAMP = "<timestamp>";

    /** The doc of {@code --rate}. */
    public static final String RATE = "records per second the producer sends";

    /** The doc of {@code --record-size}. */
    public static final String RECORD_SIZE = "record value size in bytes (16-byte header + padding)";

    /** The doc of {@code --drain-timeout}. */
    public static final String DRAIN_TIMEOUT = "seconds to wait after production for every record to be processed";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "reports/${COMMAND-NAME}/" + TIMESTAMP,
            description = "report directory (" + TIMESTAMP + ": the start time, UTC)")
    private String out;

    /** The report directory of this run: see {@link #reportDirectory(String, String, Instant)}. */
    public Path reportDirectory(String bench, Instant now) {
        return reportDirectory(out, bench, now);
    }

    /**
     * The report directory an {@code --out} value names: {@link #TIMESTAMP} replaced by {@code now}
     * as {@code yyyyMMdd-HHmmss} in UTC; an empty value is the default, {@code reports/<bench>/<timestamp>}.
     */
    public static Path reportDirectory(String value, String bench, Instant now) {
        String path = value == null || value.isBlank() ? "reports/" + bench + "/" + TIMESTAMP : value;
        return Path.of(path.replace(TIMESTAMP, STAMP.format(now)));
    }
}
