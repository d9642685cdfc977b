package io.shadowscale.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecorderTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final RunClock clock = new RunClock(now::get, now.get(), 5_000_000_000L);
    private final Recorder recorder = new Recorder(clock, 4, 60);

    /** Sends {@code seq} now (epoch micros from the fake clock) and acknowledges it. */
    private byte[] send(long seq) {
        long micros = clock.nowEpochMicros();
        recorder.acked(seq, micros);
        return Payload.encode(seq, micros, 32);
    }

    private void advanceMillis(long ms) {
        now.addAndGet(ms * MS);
    }

    @Test
    void countsASequenceSeenTwiceAsADuplicateAndOneNeverSeenAsLost() {
        recorder.start();
        byte[] a = send(0);
        byte[] b = send(1);
        send(2);
        advanceMillis(5);
        recorder.record(0, 0, a, now.get());
        recorder.record(1, 0, b, now.get());
        recorder.record(0, 0, a, now.get());

        assertThat(recorder.duplicates()).isEqualTo(1);
        assertThat(recorder.lost()).isEqualTo(1);
        assertThat(recorder.lag()).isEqualTo(1);
        assertThat(recorder.processedCount()).isEqualTo(3);
    }

    @Test
    void doesNotCountIdleTimeWithoutTrafficAsAPartitionGap() {
        recorder.start();
        byte[] first = send(0);
        advanceMillis(2);
        recorder.record(0, 0, first, now.get());
        advanceMillis(10_000);
        byte[] afterQuietSpell = send(1);
        advanceMillis(3);
        recorder.record(0, 1, afterQuietSpell, now.get());

        assertThat(recorder.maxPartitionGapNanos()).isEqualTo(3 * MS);
    }

    @Test
    void countsTheTimeARecordWaitedBehindAStalledPartitionAsAGap() {
        recorder.start();
        byte[] first = send(0);
        byte[] waiting = send(1);
        advanceMillis(1);
        recorder.record(2, 0, first, now.get());
        advanceMillis(2_500);
        recorder.record(2, 1, waiting, now.get());

        assertThat(recorder.maxPartitionGapNanos()).isEqualTo(2_500 * MS);
    }

    @Test
    void keepsOneLatencyHistogramAndOneOutputCountPerSecondOfProcessing() {
        recorder.start();
        byte[] fast = send(0);
        advanceMillis(4);
        recorder.record(0, 0, fast, now.get());
        advanceMillis(1_000);
        byte[] slow = send(1);
        advanceMillis(40);
        recorder.record(1, 0, slow, now.get());

        Recorder.Series series = recorder.series(3);
        assertThat(series.out()).containsExactly(1, 1, 0);
        assertThat(series.in()).containsExactly(1, 1, 0);
        assertThat(series.latency()[0].getMaxValue()).isBetween(3_990L, 4_010L);
        assertThat(series.latency()[1].getMaxValue()).isBetween(39_900L, 40_100L);
        assertThat(series.latency()[2]).isNull();
    }
}
