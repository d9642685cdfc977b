package io.shadowscale.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class SharedOptionsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:30:05Z");

    /** A bench's options as the benches declare theirs. */
    @Command(name = "fault", description = "A bench.")
    static final class Bench implements BenchCli.Options {
        @Option(names = "--rate", defaultValue = "2000", description = SharedOptions.RATE)
        int rate;

        @Mixin
        SharedOptions out;

        @Option(names = "--label", defaultValue = "", description = "a name")
        String label;

        @Option(names = "--record-size", defaultValue = "200", description = SharedOptions.RECORD_SIZE)
        int recordSize;

        @Option(names = "--partitions", defaultValue = "12", description = "partitions of the topic")
        int partitions;

        @Option(names = "--drain-timeout", defaultValue = "30", description = SharedOptions.DRAIN_TIMEOUT)
        int drainTimeout;

        @Option(names = "--from", defaultValue = "2", description = "workers before")
        int from;

        @Option(names = "--to", defaultValue = "3", description = "workers after")
        int to;

        @Override
        public void check(OptionChecks c) {
            c.atLeast("--rate", rate, 1)
                    .atLeast("--record-size", recordSize, 16)
                    .within("--partitions", partitions, 1, 256)
                    .atLeast("--drain-timeout", drainTimeout, 1)
                    .relation(from != to, "--from and --to are both " + from + ": expected different sizes");
        }
    }

    @Test
    void theDefaultReportDirectoryIsTheBenchsFolderStampedWithTheStartTimeInUtc() {
        Bench bench = new Bench();
        BenchCli.parse(bench);

        assertThat(bench.out.reportDirectory("fault", NOW)).isEqualTo(Path.of("reports", "fault", "20261129-123005"));
    }

    @Test
    void aGivenReportDirectoryIsKeptAndMayCarryTheTimestamp() {
        assertThat(SharedOptions.reportDirectory("/tmp/x", "fault", NOW)).isEqualTo(Path.of("/tmp/x"));
        assertThat(SharedOptions.reportDirectory("runs/<timestamp>-a", "fault", NOW))
                .isEqualTo(Path.of("runs", "20261129-123005-a"));
    }

    @Test
    void anEmptyReportDirectoryIsTheDefault() {
        Bench bench = new Bench();
        BenchCli.parse(bench, "--out", " ");

        assertThat(bench.out.reportDirectory("scaler-load", NOW))
                .isEqualTo(Path.of("reports", "scaler-load", "20261129-123005"));
    }

    @Test
    void bothArgumentFormsSetAnOption() {
        Bench bench = new Bench();
        BenchCli.parse(bench, "--rate", "70", "--label=x y");

        assertThat(bench.rate).isEqualTo(70);
        assertThat(bench.label).isEqualTo("x y");
    }

    @Test
    void helpListsEveryOptionWithItsDocAndDefault() {
        StringWriter out = new StringWriter();

        OptionalInt code = BenchCli.parse(
                new Bench(), new String[] {"-h"}, new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(code).hasValue(0);
        assertThat(out.toString())
                .startsWith(String.join(
                        "\n",
                        "Usage: fault [-h] [--drain-timeout=<drainTimeout>] [--from=<from>] [--label=<label>] "
                                + "[--out=DIR]",
                        "             [--partitions=<partitions>] [--rate=<rate>] [--record-size=<recordSize>] "
                                + "[--to=<to>]",
                        "A bench.",
                        "      --rate=<rate>     records per second the producer sends",
                        "                          Default: 2000",
                        "      --out=DIR         report directory (<timestamp>: the start time, UTC)",
                        "                          Default: reports/fault/<timestamp>",
                        "      --label=<label>   a name",
                        "                          Default:",
                        ""));
        assertThat(BenchCli.defaultsShown(out.toString())).isEqualTo(BenchCli.defaults(new Bench()));
        assertThat(BenchCli.defaults(new Bench()))
                .containsExactly(
                        entry("--rate", "2000"),
                        entry("--out", "reports/fault/<timestamp>"),
                        entry("--label", ""),
                        entry("--record-size", "200"),
                        entry("--partitions", "12"),
                        entry("--drain-timeout", "30"),
                        entry("--from", "2"),
                        entry("--to", "3"));
    }

    @Test
    void sharedOptionsRefuseValuesOutsideTheirRangeAllAtOnce() {
        assertThatThrownBy(() -> BenchCli.parse(
                        new Bench(), "--record-size", "8", "--partitions=0", "--drain-timeout", "0", "--rate=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join(
                        "\n",
                        "Invalid value for option '--rate': 'x' is not an int",
                        "Invalid value for option '--record-size': expected a whole number >= 16 but was 8",
                        "Invalid value for option '--partitions': expected a whole number in [1, 256] but was 0",
                        "Invalid value for option '--drain-timeout': expected a whole number >= 1 but was 0"));
    }

    @Test
    void aRelationIsCheckedOnceEveryOptionIsValid() {
        assertThatThrownBy(() -> BenchCli.parse(new Bench(), "--from", "3", "--to", "3"))
                .hasMessage("--from and --to are both 3: expected different sizes");
        assertThatThrownBy(() -> BenchCli.parse(new Bench(), "--from", "3", "--to", "3", "--rate", "0"))
                .hasMessage("Invalid value for option '--rate': expected a whole number >= 1 but was 0");
    }

    @Test
    void anUnknownOptionAndAMissingValueExitWithTwo() {
        StringWriter err = new StringWriter();

        OptionalInt code = BenchCli.parse(
                new Bench(),
                new String[] {"--speed", "3", "--rate"},
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(code).hasValue(BenchCli.BAD_USAGE);
        assertThat(err.toString())
                .startsWith(String.join(
                        "\n",
                        "fault: invalid options:",
                        "  - Missing required parameter for option '--rate' (<rate>)",
                        "  - Unknown options: '--speed', '3'",
                        "Usage: fault [-h]"));
    }
}
