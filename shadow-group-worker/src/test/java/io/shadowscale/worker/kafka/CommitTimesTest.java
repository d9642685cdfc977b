package io.shadowscale.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.worker.model.CommitKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class CommitTimesTest {
    private final MovingClock clock = new MovingClock();
    private final CommitTimes times = new CommitTimes(clock);
    private final List<String> seen = new ArrayList<>();

    CommitTimesTest() {
        times.observe((kind, took) -> seen.add(kind.label() + " " + took.toMillis() + " ms"));
    }

    @Test
    void aSynchronousCommitIsTimedAroundTheCall() {
        times.timed(CommitKind.OFFSETS, () -> clock.advance(Duration.ofMillis(12)));
        times.timed(CommitKind.TRANSACTION, () -> clock.advance(Duration.ofMillis(30)));

        assertThat(seen).containsExactly("offsets 12 ms", "transaction 30 ms");
    }

    @Test
    void aFailedCommitIsPassedOnAndNotObserved() {
        assertThatThrownBy(() -> times.timed(CommitKind.OFFSETS, () -> {
                    clock.advance(Duration.ofSeconds(60));
                    throw new TimeoutException("commit timed out");
                }))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("commit timed out");
        assertThat(seen).isEmpty();
    }

    @Test
    void anAsynchronousCommitIsTimedToItsCallbackWhichStillRuns() {
        AtomicReference<Exception> passedOn = new AtomicReference<>();
        OffsetCommitCallback callback = times.async((offsets, error) -> passedOn.set(error));
        clock.advance(Duration.ofMillis(7));
        callback.onComplete(Map.of(), null);
        OffsetCommitCallback failing = times.async((offsets, error) -> passedOn.set(error));
        clock.advance(Duration.ofMillis(5));
        TimeoutException error = new TimeoutException("lost");
        failing.onComplete(Map.of(), error);
        times.async(null).onComplete(Map.of(), null);

        assertThat(seen).containsExactly("offsets 7 ms", "offsets 0 ms");
        assertThat(passedOn.get()).isSameAs(error);
    }

    /** A clock that moves only when told. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
