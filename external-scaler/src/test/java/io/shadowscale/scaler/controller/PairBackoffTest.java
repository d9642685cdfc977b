package io.shadowscale.scaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.PairKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairBackoffTest {
    private static final PairKey ORDERS = new PairKey("shop", "orders");
    private static final PairKey PAYMENTS = new PairKey("shop", "payments");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void waitsDoubleFromTheTickUpToTheMaximumAndOnlyForTheFailingPair() {
        PairBackoff backoff = new PairBackoff(Duration.ofMillis(500), Duration.ofSeconds(5));
        Instant now = T0;
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assertThat(backoff.due(ORDERS, now)).isTrue();
            Duration wait = backoff.failed(ORDERS, now);
            waits.add(wait.toMillis());
            assertThat(backoff.due(ORDERS, now.plus(wait).minusMillis(1))).isFalse();
            assertThat(backoff.due(PAYMENTS, now)).isTrue();
            now = now.plus(wait);
        }
        assertThat(waits).containsExactly(500L, 1000L, 2000L, 4000L, 5000L, 5000L);
        assertThat(backoff.waiting()).isEqualTo(1);
    }

    @Test
    void aSuccessClearsTheBackoff() {
        PairBackoff backoff = new PairBackoff(Duration.ofMillis(500), Duration.ofSeconds(5));
        backoff.failed(ORDERS, T0);
        backoff.failed(ORDERS, T0.plusMillis(500));
        backoff.succeeded(ORDERS);
        assertThat(backoff.due(ORDERS, T0.plusMillis(500))).isTrue();
        assertThat(backoff.failed(ORDERS, T0.plusMillis(600))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsAMaximumBelowTheBase() {
        assertThatThrownBy(() -> new PairBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need 0 < base <= max, was base PT2S, max PT1S");
    }
}
