package io.shadowscale.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class DeclaredRangesTest {
    /** One option of each kind of declared range, a shared option and a check of the command's own. */
    @Command(name = "ranges")
    static final class Ranged implements BenchCli.Options {
        @Parameters(index = "0", paramLabel = "<what>", defaultValue = "run", description = "what to do")
        String what;

        @AtLeast(1)
        @Option(names = "--count", defaultValue = "3", description = "a count")
        int count;

        @Within(min = 1, max = 256)
        @Option(names = "--partitions", defaultValue = "12", description = "partitions")
        long partitions;

        @Mixin
        SharedOptions.Rate rate = new SharedOptions.Rate(700);

        @AtLeast(0)
        @Option(names = "--headroom", defaultValue = "0.2", description = "a fraction")
        double headroom;

        @Above(0)
        @Option(names = "--capacity", defaultValue = "12000", description = "records/s")
        double capacity;

        @Above(value = 0, below = 1)
        @Option(names = "--precision", defaultValue = "0.05", description = "a share")
        double precision;

        @OneOf({"all", "1"})
        @Option(names = "--acks", defaultValue = "all", description = "acks")
        String acks;

        @OneOf({"java", "node"})
        @Option(names = "--processors", split = ",", defaultValue = "java", description = "variants")
        List<String> processors;

        @Within(min = 1, max = 5000)
        @Option(names = "--pairs", split = ",", defaultValue = "10", description = "pair counts")
        List<Integer> pairs;

        @Mixin
        SharedOptions.RecordSize recordSize = new SharedOptions.RecordSize(200, 1000);

        @Option(names = "--label", defaultValue = "x", description = "a label")
        String label;

        @Override
        public void check(OptionChecks c) {
            c.relation(count <= partitions, "--count=" + count + " is above --partitions=" + partitions)
                    .expect("--label", !label.isBlank(), "a name", "'" + label + "'")
                    .require("<what>", what.equals("run"), "unknown command '" + what + "'");
        }
    }

    @Test
    void valuesWithinTheirDeclaredRangesAreTaken() {
        Ranged r = new Ranged();
        BenchCli.parse(r, "--count=5", "--processors", "node, java", "--pairs=1,5000", "--rate", "9");

        assertThat(r.count).isEqualTo(5);
        assertThat(r.processors).containsExactly("node", " java");
        assertThat(r.pairs).containsExactly(1, 5000);
        assertThat(r.rate.perSecond()).isEqualTo(9);
    }

    @Test
    void everyDeclaredRangeIsWordedAsPicocliWordsItsProblems() {
        assertThatThrownBy(() -> BenchCli.parse(
                        new Ranged(),
                        "--count=0",
                        "--partitions=257",
                        "--rate=0",
                        "--headroom=-0.5",
                        "--capacity=0",
                        "--precision=1",
                        "--acks=0",
                        "--processors=java,go",
                        "--pairs=0,10",
                        "--record-size=1001"))
                .hasMessage(String.join(
                        "\n",
                        invalid("--count", "a whole number >= 1 but was 0"),
                        invalid("--partitions", "a whole number in [1, 256] but was 257"),
                        invalid("--rate", "a whole number >= 1 but was 0"),
                        invalid("--headroom", "a number >= 0 but was -0.5"),
                        invalid("--capacity", "a number > 0 but was 0"),
                        invalid("--precision", "a number in (0, 1) but was 1"),
                        invalid("--acks", "one of [all, 1] but was '0'"),
                        invalid("--processors", "comma-separated names from [java, node] but was 'java,go'"),
                        invalid("--pairs", "comma-separated whole numbers in [1, 5000] but was '0,10'"),
                        invalid("--record-size", "a whole number in [16, 1000] but was 1001")));
    }

    @Test
    void problemsOfSingleOptionsComeInDeclarationOrderWhicheverCheckFoundThem() {
        assertThatThrownBy(() ->
                        BenchCli.parse(new Ranged(), "--label= ", "--record-size=8", "--count=0", "stop", "--acks=x"))
                .hasMessage(String.join(
                        "\n",
                        "unknown command 'stop'",
                        "Invalid value for option '--count': expected a whole number >= 1 but was 0",
                        "Invalid value for option '--acks': expected one of [all, 1] but was 'x'",
                        "Invalid value for option '--record-size': expected a whole number in [16, 1000] but was 8",
                        "Invalid value for option '--label': expected a name but was ' '"));
    }

    @Test
    void aValuePicocliRefusedIsNotCheckedAgainstItsRange() {
        assertThatThrownBy(() -> BenchCli.parse(new Ranged(), "--count=x", "--rate=-1"))
                .hasMessage(String.join(
                        "\n",
                        "Invalid value for option '--count': 'x' is not an int",
                        "Invalid value for option '--rate': expected a whole number >= 1 but was -1"));
    }

    @Test
    void aRelationIsCheckedOnceEverySingleOptionIsValid() {
        assertThatThrownBy(() -> BenchCli.parse(new Ranged(), "--count=20", "--partitions=12"))
                .hasMessage("--count=20 is above --partitions=12");
        assertThatThrownBy(() -> BenchCli.parse(new Ranged(), "--count=20", "--acks=0"))
                .hasMessage("Invalid value for option '--acks': expected one of [all, 1] but was '0'");
    }

    @Test
    void aSharedOptionTakesTheDefaultItsCommandGivesAndShowsIt() {
        Ranged r = new Ranged();
        BenchCli.parse(r);

        assertThat(r.rate.perSecond()).isEqualTo(700);
        assertThat(r.recordSize.bytes()).isEqualTo(200);
        assertThat(BenchCli.defaults(r))
                .contains(entry("--rate", "700"), entry("--record-size", "200"))
                .containsKeys("--count", "--pairs");
        assertThat(BenchCli.usage(r))
                .contains(
                        "--rate=<rate>",
                        SharedOptions.RATE,
                        "--record-size=<recordSize>",
                        SharedOptions.RECORD_SIZE,
                        "Default: 700");
    }

    private static String invalid(String option, String expected) {
        return "Invalid value for option '" + option + "': expected " + expected;
    }
}
