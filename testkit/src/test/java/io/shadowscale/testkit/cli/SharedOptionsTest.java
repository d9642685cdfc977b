package io.shadowscale.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedOptionsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:30:05Z");

    @Test
    void theDefaultReportDirectoryIsTheBenchsFolderStampedWithTheStartTimeInUtc() {
        assertThat(SharedOptions.reportDirectory(SharedOptions.out("load").defaultValue(), "load", NOW))
                .isEqualTo(Path.of("reports", "load", "20261129-123005"));
    }

    @Test
    void aGivenReportDirectoryIsKeptAndMayCarryTheTimestamp() {
        assertThat(SharedOptions.reportDirectory("/tmp/x", "fault", NOW)).isEqualTo(Path.of("/tmp/x"));
        assertThat(SharedOptions.reportDirectory("runs/<timestamp>-a", "fault", NOW))
                .isEqualTo(Path.of("runs", "20261129-123005-a"));
    }

    @Test
    void anEmptyReportDirectoryIsTheDefault() {
        assertThat(SharedOptions.reportDirectory(" ", "scaler-load", NOW))
                .isEqualTo(Path.of("reports", "scaler-load", "20261129-123005"));
    }

    @Test
    void helpListsEveryOptionWithItsDocDefaultAndAllowedValues() {
        OptionTable table = new OptionTable()
                .add(SharedOptions.rate("2000"))
                .add(SharedOptions.out("fault"))
                .add(new OptionTable.Option<>("label", "", "a name", s -> s, s -> true, "any text"));

        assertThat(table.help())
                .isEqualTo(
                        "  --rate               records per second the producer sends (default 2000; a whole number >= "
                                + "1)\n"
                                + "  --out                report directory (default reports/fault/<timestamp>; a path "
                                + "(<timestamp>:"
                                + " the start time, UTC))\n"
                                + "  --label              a name (default none; any text)\n");
    }

    @Test
    void sharedOptionsRefuseValuesOutsideTheirRange() {
        OptionTable table = new OptionTable()
                .add(SharedOptions.recordSize("200", 16))
                .add(SharedOptions.partitions("12", "the topic"))
                .add(SharedOptions.drainTimeout("30"));
        List<String> problems = new ArrayList<>();

        table.parse(Map.of("record-size", "8", "partitions", "0", "drain-timeout", "0"), problems);

        assertThat(problems)
                .containsExactly(
                        "--record-size='8' is invalid: expected a whole number >= 16",
                        "--partitions='0' is invalid: expected a whole number >= 1",
                        "--drain-timeout='0' is invalid: expected a whole number >= 1");
    }
}
