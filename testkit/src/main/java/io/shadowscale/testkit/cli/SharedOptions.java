package io.shadowscale.testkit.cli;

import static io.shadowscale.testkit.cli.OptionTable.intOption;

import io.shadowscale.testkit.cli.OptionTable.Option;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The options that mean the same in every bench command that takes them, declared once; each
 * bench adds the ones it takes to its {@link OptionTable} with its own default.
 */
public final class SharedOptions {
    /** Stands in a {@code --out} value for the time the run starts. */
    public static final String TIMESTAMP = "<timestamp>";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private SharedOptions() {}

    /** {@code --rate}: the producer's records per second. */
    public static Option<Integer> rate(String def) {
        return intOption("rate", def, "records per second the producer sends", 1);
    }

    /** {@code --record-size}: bytes of a record value, at least {@code min} (the sequence header). */
    public static Option<Integer> recordSize(String def, int min) {
        return intOption("record-size", def, "record value size in bytes (16-byte header + padding)", min);
    }

    /** {@code --partitions}: partitions of the topics {@code topics} names. */
    public static Option<Integer> partitions(String def, String topics) {
        return intOption("partitions", def, "partitions of " + topics, 1);
    }

    /** {@code --drain-timeout}: how long the bench waits after production for the rest to be processed. */
    public static Option<Integer> drainTimeout(String def) {
        return intOption("drain-timeout", def, "seconds to wait after production for every record to be processed", 1);
    }

    /** {@code --out}: the report directory, by default {@code reports/<bench>/<timestamp>}. */
    public static Option<String> out(String bench) {
        return new Option<>(
                "out",
                "reports/" + bench + "/" + TIMESTAMP,
                "report directory",
                s -> s,
                s -> true,
                "a path (" + TIMESTAMP + ": the start time, UTC)");
    }

    /**
     * The report directory an {@code --out} value names: {@link #TIMESTAMP} replaced by {@code now}
     * as {@code yyyyMMdd-HHmmss} in UTC; an empty value is the default of {@link #out(String)}.
     */
    public static Path reportDirectory(String value, String bench, Instant now) {
        String path = value.isBlank() ? out(bench).defaultValue() : value;
        return Path.of(path.replace(TIMESTAMP, STAMP.format(now)));
    }
}
