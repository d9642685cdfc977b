package io.shadowscale.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class ScenarioResultTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(0);
    private final RunClock clock = new RunClock(now::get, 0, 1_000_000_000L);
    private final Recorder recorder = new Recorder(clock, 2, 60);

    /** One record per second for {@code seconds} s, each processed {@code latencyMs(second)} after it was sent. */
    private void run(int seconds, IntUnaryOperator latencyMs) {
        for (int s = 0; s < seconds; s++) {
            now.set(s * 1_000 * MS);
            long sent = clock.nowEpochMicros();
            recorder.acked(s, sent);
            if (s == 20) {
                recorder.event(2, 4);
            }
            now.addAndGet(latencyMs.applyAsInt(s) * MS);
            recorder.record(s % 2, s, Payload.encode(s, sent, 16), now.get());
        }
    }

    @Test
    void splitsLatencyIntoSteadySecondsAndTheEventWindow() {
        recorder.start();
        run(40, s -> s == 25 ? 900 : s == 1 ? 500 : 10);

        ScenarioResult r = ScenarioResult.of("eager", null, recorder, 40, 40, 0, 40.0, ScenarioResult.WINDOW_AFTER);

        assertThat(r.eventP99Ms()).isBetween(899.0, 901.0);
        assertThat(r.eventMaxMs()).isBetween(899.0, 901.0);
        assertThat(r.steadyP99Ms()).isBetween(9.9, 10.1);
        assertThat(r.throughputMsgsPerS()).isEqualTo(1.0);
        assertThat(r.duplicates()).isZero();
        assertThat(r.lost()).isZero();
        assertThat(r.events()).containsExactly(new Recorder.ScaleEvent(20.0, 2, 4));
        assertThat(r.perEvent()).hasSize(1);
        assertThat(r.perEvent().get(0).event()).isEqualTo("scale 2->4");
        assertThat(r.perEvent().get(0).maxMs()).isBetween(899.0, 901.0);
    }

    @Test
    void countsAStallTwelveSecondsAfterTheEventOnlyWithALongerWindow() {
        recorder.start();
        run(40, s -> s == 32 ? 800 : 10);

        ScenarioResult tenSeconds = ScenarioResult.of("cutover", null, recorder, 40, 40, 0, 40.0, 10);
        ScenarioResult fifteenSeconds = ScenarioResult.of("cutover", null, recorder, 40, 40, 0, 40.0, 15);

        assertThat(tenSeconds.eventMaxMs()).isBetween(9.9, 10.1);
        assertThat(tenSeconds.steadyP99Ms()).isBetween(799.0, 801.0);
        assertThat(fifteenSeconds.eventMaxMs()).isBetween(799.0, 801.0);
        assertThat(fifteenSeconds.perEvent().get(0).maxMs()).isBetween(799.0, 801.0);
        assertThat(fifteenSeconds.steadyP99Ms()).isBetween(9.9, 10.1);
    }

    @Test
    void theEventGapIsTheLongestPartitionGapInsideTheWindowsNotTheStartUp() {
        recorder.start();
        // one partition, a record every second: a 600 ms start-up stall at second 0, a 300 ms one at 25 s
        for (int s = 0; s < 40; s++) {
            now.set(s * 1_000 * MS);
            long sent = clock.nowEpochMicros();
            recorder.acked(s, sent);
            if (s == 20) {
                recorder.event(2, 4);
            }
            now.addAndGet((s == 0 ? 600 : s == 25 ? 300 : 5) * MS);
            recorder.record(0, s, Payload.encode(s, sent, 16), now.get());
        }

        ScenarioResult r = ScenarioResult.of("cutover", null, recorder, 40, 40, 0, 40.0, 15);

        assertThat(r.maxPartitionGapMs()).isBetween(599.0, 601.0);
        assertThat(r.eventGapMs()).isBetween(299.0, 301.0);
        assertThat(r.perEvent().get(0).gapMs()).isBetween(299.0, 301.0);
    }

    @Test
    void givesEachEventItsOwnWindowCutAtTheNextEvent() {
        recorder.start();
        for (int s = 0; s < 40; s++) {
            now.set(s * 1_000 * MS);
            long sent = clock.nowEpochMicros();
            recorder.acked(s, sent);
            if (s == 10) {
                recorder.event(2, 4);
            }
            if (s == 16) {
                recorder.event(4, 2);
            }
            now.addAndGet((s == 17 ? 700 : s == 12 ? 300 : 10) * MS);
            recorder.record(0, s, Payload.encode(s, sent, 16), now.get());
        }

        ScenarioResult r = ScenarioResult.of("eager", null, recorder, 40, 40, 0, 40.0, ScenarioResult.WINDOW_AFTER);

        assertThat(r.perEvent())
                .extracting(ScenarioResult.EventFigures::event)
                .containsExactly("scale 2->4", "scale 4->2");
        assertThat(r.perEvent().get(0).maxMs()).isBetween(299.0, 301.0);
        assertThat(r.perEvent().get(1).maxMs()).isBetween(699.0, 701.0);
        assertThat(r.eventMaxMs()).isBetween(699.0, 701.0);
    }

    @Test
    void hasNoEventFiguresWithoutEvents() {
        recorder.start();
        for (int s = 0; s < 5; s++) {
            now.set(s * 1_000 * MS);
            long sent = clock.nowEpochMicros();
            recorder.acked(s, sent);
            recorder.record(0, s, Payload.encode(s, sent, 16), now.get() + 3 * MS);
        }

        ScenarioResult r = ScenarioResult.of("steady", null, recorder, 5, 5, 0, 5.0, ScenarioResult.WINDOW_AFTER);

        assertThat(r.eventP99Ms()).isNull();
        assertThat(r.eventMaxMs()).isNull();
        assertThat(r.steadyP99Ms()).isBetween(2.99, 3.01);
    }

    @Test
    void walkFiguresAreDistributionsOverEveryEventAndPartition() {
        recorder.start();
        // one event at 20 s; partition 0 stalls 900 ms at second 25 (the event second), partition 1 never
        run(40, s -> s == 25 ? 900 : s == 1 ? 500 : 10);

        WalkFigures w = ScenarioResult.of("cutover", null, recorder, 40, 40, 0, 40.0, ScenarioResult.WINDOW_AFTER)
                .walkFigures();

        assertThat(w.walks()).isEqualTo(1);
        // samples: partition 1's longest gap in [20, 40) is 10 ms, partition 0's the 900 ms stall
        assertThat(w.gapP50Ms()).isBetween(9.9, 10.1);
        assertThat(w.gapMaxMs()).isBetween(899.0, 901.0);
        assertThat(w.gapP99Ms()).isBetween(899.0, 901.0);
        assertThat(w.eventSecondP99Ms()).isBetween(899.0, 901.0);
        assertThat(w.otherSecondsP99Ms()).isBetween(9.9, 10.1);
        assertThat(w.eventP99Ratio()).isBetween(89.0, 91.0);
    }

    @Test
    void aRunWithoutEventsHasNoWalkFigures() {
        recorder.start();
        for (int s = 0; s < 10; s++) {
            now.set(s * 1_000 * MS);
            long sent = clock.nowEpochMicros();
            recorder.acked(s, sent);
            recorder.record(0, s, Payload.encode(s, sent, 16), now.get() + 5 * MS);
        }
        assertThat(ScenarioResult.of("steady", null, recorder, 10, 10, 0, 10.0, ScenarioResult.WINDOW_AFTER)
                        .walkFigures())
                .isEqualTo(WalkFigures.NONE);
    }
}
