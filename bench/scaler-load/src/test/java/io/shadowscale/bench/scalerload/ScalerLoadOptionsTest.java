package io.shadowscale.bench.scalerload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.shadowscale.testkit.cli.BenchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScalerLoadOptionsTest {
    @Test
    void parsesDefaults() {
        ScalerLoadSettings s = ScalerLoadOptions.parse(Map.of("out", "x"));

        assertThat(s)
                .isEqualTo(new ScalerLoadSettings(
                        List.of(1000), List.of(12), "per-pair", 20, 60, 180, 30, 15, 16, false, 10, Path.of("x")));
    }

    @Test
    void aSweepRunsEveryPairCountForEachPartitionCount() {
        ScalerLoadSettings s = ScalerLoadOptions.parseArgs("--pairs", "100,300", "--partitions=12,48");

        assertThat(s.points())
                .containsExactly(
                        new ScalerLoadSettings.Point(100, 12),
                        new ScalerLoadSettings.Point(300, 12),
                        new ScalerLoadSettings.Point(100, 48),
                        new ScalerLoadSettings.Point(300, 48));
    }

    @Test
    void reportsEveryBadOptionAtOnceByName() {
        assertThatThrownBy(() -> ScalerLoadOptions.parseArgs(
                        "--pairs", "0,10", "--topics", "some", "--streams", "yes", "--bogus", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join(
                        "\n",
                        "Invalid value for option '--streams': 'yes' is not a boolean",
                        "Unknown options: '--bogus', '1'",
                        "Invalid value for option '--pairs': expected comma-separated whole numbers in [1, 5000] "
                                + "but was '0,10'",
                        "Invalid value for option '--topics': expected one of [per-pair, shared] but was 'some'"));
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        ScalerLoadOptions options = new ScalerLoadOptions();

        OptionalInt code = BenchCli.parse(
                options, new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(code).hasValue(0);
        assertThat(out.toString()).startsWith("Usage: ./shadowscale bench scaler-load [OPTIONS]\n");
        assertThat(BenchCli.defaults(options))
                .containsExactly(
                        entry("--pairs", "1000"),
                        entry("--partitions", "12"),
                        entry("--topics", "per-pair"),
                        entry("--shared-topics", "20"),
                        entry("--duration", "60"),
                        entry("--settle-timeout", "180"),
                        entry("--polling-interval", "30"),
                        entry("--hpa-interval", "15"),
                        entry("--client-threads", "16"),
                        entry("--streams", "false"),
                        entry("--rpc-deadline", "10"),
                        entry("--out", "reports/scaler-load/<timestamp>"));
        assertThat(BenchCli.defaultsShown(out.toString())).isEqualTo(BenchCli.defaults(options));
    }

    @Test
    void aBadValueExitsWithTwoNamingTheOption() {
        StringWriter err = new StringWriter();

        OptionalInt code = BenchCli.parse(
                new ScalerLoadOptions(),
                new String[] {"--rpc-deadline", "301"},
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(code).hasValue(2);
        assertThat(err.toString())
                .startsWith("scaler-load: invalid options:\n"
                        + "  - Invalid value for option '--rpc-deadline': expected a whole number in [1, 300] "
                        + "but was 301\n"
                        + "Usage: ./shadowscale bench scaler-load [OPTIONS]\n");
    }
}
