package io.shadowscale.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvTraceTest {
    private static Trace parse(String text) throws IOException {
        return CsvTrace.parse("t", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void interpolatesBetweenPointsAndEndsAtTheLastOne() throws IOException {
        Trace trace = parse("# comment\ntime_seconds,msgs_per_s\n0,1000\n4,3000\n\n6, 3000\n");
        assertThat(trace.rates()).containsExactly(1000, 1500, 2000, 2500, 3000, 3000);
    }

    @Test
    void lagAgeIsHowLongTheOldestWaitingRecordHasWaited() {
        Trace trace = new Trace("t", new double[] {100, 100, 100, 100});
        // after second 2, 150 of 300 records processed: the oldest waiting arrived half-way through second 1
        double[] ages = Outcome.ageSeconds(trace, new double[] {0, 50, 150, 0});
        assertThat(ages).containsExactly(0, 0.5, 1.5, 0);
    }

    @Test
    void rejectsTimesThatDoNotIncrease() {
        assertThatThrownBy(() -> parse("0,10\n5,10\n5,20\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t:3: times must start at 0 and increase, got 5");
    }

    @Test
    void rejectsNegativeRates() {
        assertThatThrownBy(() -> parse("0,10\n5,-1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t:2: rate must be >= 0, was -1");
    }

    @Test
    void samplesLoadAsFullDays() {
        for (String name : CsvTrace.SAMPLES) {
            assertThat(CsvTrace.sample(name).seconds()).as(name).isEqualTo(86_400);
        }
    }
}
