package io.shadowscale.testkit.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/**
 * {@code --out}, the report directory of the benches that write one per run, as a picocli
 * {@code @Mixin}: {@code reports/<command name>/<timestamp>} by default. The options several benches
 * take with defaults of their own are here too, each a {@code @Mixin} constructed with the command's
 * default ({@code @Mixin SharedOptions.Rate rate = new SharedOptions.Rate(5000)}), so that each has
 * one doc and one range wherever it is taken. Picocli takes the value such a mixin holds when the
 * command line is built as the option's default: parse a command line into fresh options, as
 * {@link BenchCli} is used everywhere.
 */
public final class SharedOptions {
    /** Stands in a {@code --out} value for the time the run starts. */
    public static final String TIMESTAMP = "<timestamp>";

    /** The doc of {@code --rate}. */
    public static final String RATE = "records per second the producer sends";

    /** The doc of {@code --record-size}. */
    public static final String RECORD_SIZE = "record value size in bytes (16-byte header + padding)";

    /** The smallest {@code --record-size}: the sequence header every bench's records start with. */
    public static final int HEADER_BYTES = 16;

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

    /** {@code --rate}, {@link #RATE}: at least 1. */
    public static final class Rate {
        @AtLeast(1)
        @Option(names = "--rate", description = RATE)
        private int rate;

        /** The option with the command's default. */
        public Rate(int byDefault) {
            rate = byDefault;
        }

        /** Records per second. */
        public int perSecond() {
            return rate;
        }
    }

    /** {@code --drain-timeout}, {@link #DRAIN_TIMEOUT}: at least 1 s. */
    public static final class DrainTimeout {
        @AtLeast(1)
        @Option(names = "--drain-timeout", description = DRAIN_TIMEOUT)
        private int drainTimeout;

        /** The option with the command's default, in seconds. */
        public DrainTimeout(int byDefault) {
            drainTimeout = byDefault;
        }

        /** The timeout in seconds. */
        public int seconds() {
            return drainTimeout;
        }
    }

    /** {@code --record-size}, {@link #RECORD_SIZE}: at least {@link #HEADER_BYTES}, at most the command's bound. */
    public static final class RecordSize implements BenchCli.Checked {
        @Option(names = "--record-size", description = RECORD_SIZE)
        private int recordSize;

        private final int most;

        /** The option with the command's default and no upper bound. */
        public RecordSize(int byDefault) {
            this(byDefault, Integer.MAX_VALUE);
        }

        /** The option with the command's default and at most {@code most} bytes. */
        public RecordSize(int byDefault, int most) {
            recordSize = byDefault;
            this.most = most;
        }

        /** The record value size in bytes. */
        public int bytes() {
            return recordSize;
        }

        @Override
        public void check(OptionChecks checks) {
            if (most == Integer.MAX_VALUE) {
                checks.atLeast("--record-size", recordSize, HEADER_BYTES);
            } else {
                checks.within("--record-size", recordSize, HEADER_BYTES, most);
            }
        }
    }
}
