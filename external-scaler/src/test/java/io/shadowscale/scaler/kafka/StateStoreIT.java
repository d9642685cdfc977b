package io.shadowscale.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.PairKey;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.model.PairState;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StateStoreIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    @Test
    void aWriteToAMissingTopicFailsWithinItsBoundThenFailsFastUntilTheWindowPassed() {
        AtomicLong nanos = new AtomicLong(System.nanoTime());
        PairState state = PairState.starting(new PairKey("shop", "orders"), 1, Instant.parse("2026-01-01T00:00:00Z"));
        try (StateStore store = new StateStore(KAFKA.kafka().clientProperties(), "missing.state", nanos::get)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> store.write(state))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("could not write the state of shop/orders to missing.state: "
                            + "org.apache.kafka.common.errors.TimeoutException: Topic missing.state not present in "
                            + "metadata after 5000 ms.");
            Duration first = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(first)
                    .isBetween(StateStore.WRITE_TIMEOUT.minusMillis(500), StateStore.WRITE_TIMEOUT.plusSeconds(3));

            nanos.addAndGet(StateStore.FAIL_FAST.minusMillis(1).toNanos());
            long t1 = System.nanoTime();
            assertThatThrownBy(() -> store.write(state))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("did not write the state of shop/orders to missing.state: a write failed less than 5 s "
                            + "ago (org.apache.kafka.common.errors.TimeoutException: Topic missing.state not present "
                            + "in "
                            + "metadata after 5000 ms.)");
            assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofMillis(100));

            KAFKA.kafka().createTopic("missing.state", 1);
            nanos.addAndGet(Duration.ofMillis(2).toNanos());
            store.write(state); // the window passed and the topic exists
            assertThat(store.readAll()).containsEntry(state.pair(), state);
        }
    }
}
