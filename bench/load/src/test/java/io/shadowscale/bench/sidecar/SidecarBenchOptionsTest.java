package io.shadowscale.bench.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.shadowscale.testkit.cli.BenchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SidecarBenchOptionsTest {
    @Test
    void defaultsMeasureBothVariants() {
        assertThat(SidecarBenchOptions.parse())
                .isEqualTo(new SidecarBenchOptions(List.of("java", "node"), 12, 200, 20, 10_000, 8));
    }

    @Test
    void takesBothArgumentForms() {
        assertThat(SidecarBenchOptions.parse("--processors", "node", "--probe-seconds=30", "--probes", "10"))
                .isEqualTo(new SidecarBenchOptions(List.of("node"), 12, 200, 30, 10_000, 10));
    }

    @Test
    void reportsEveryBadOptionAtOnce() {
        assertThatThrownBy(() -> SidecarBenchOptions.parse("--processors=java,go", "--probes=31", "--start-rate=99"))
                .hasMessage(String.join(
                        "\n",
                        "Invalid value for option '--processors': expected comma-separated names from [java, node] "
                                + "but was 'java,go'",
                        "Invalid value for option '--start-rate': expected a whole number in [100, 2000000] but was 99",
                        "Invalid value for option '--probes': expected a whole number in [1, 30] but was 31"));
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        SidecarBenchOptions.Line line = new SidecarBenchOptions.Line();

        OptionalInt code = BenchCli.parse(
                line, new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(code).hasValue(0);
        assertThat(out.toString()).startsWith("Usage: ./shadowscale bench sidecar [OPTIONS]\n");
        assertThat(BenchCli.defaults(line))
                .containsExactly(
                        entry("--processors", "java,node"),
                        entry("--partitions", "12"),
                        entry("--record-size", "200"),
                        entry("--probe-seconds", "20"),
                        entry("--start-rate", "10000"),
                        entry("--probes", "8"));
        assertThat(BenchCli.defaultsShown(out.toString())).isEqualTo(BenchCli.defaults(line));
    }

    @Test
    void aBadValueExitsWithTwoNamingTheOption() {
        StringWriter err = new StringWriter();

        OptionalInt code = BenchCli.parse(
                new SidecarBenchOptions.Line(),
                new String[] {"--partitions", "many"},
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(code).hasValue(2);
        assertThat(err.toString())
                .startsWith("sidecar: invalid options:\n"
                        + "  - Invalid value for option '--partitions': 'many' is not an int\n"
                        + "Usage: ./shadowscale bench sidecar [OPTIONS]\n");
    }
}
