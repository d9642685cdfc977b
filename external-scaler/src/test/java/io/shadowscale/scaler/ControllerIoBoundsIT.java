package io.shadowscale.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.PairKey;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.grpc.ExternalScalerContract;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scaler's process against a broker whose state topic goes away under it (what a user saw as
 * {@code Topic shadowscale.<env>.state not present in metadata after 60000 ms}, a tick blocked for
 * 60 s and a SIGTERM that took as long): a pair registered two seconds later cannot be written,
 * and yet the controller's lock is never held longer than one bounded state write, and the whole
 * scaler closes within its documented bound.
 */
class ControllerIoBoundsIT {
    private static final String STATE = "bounds.state";
    /** One state write at most ({@code StateStore.WRITE_TIMEOUT}) plus scheduling slack on a busy machine. */
    private static final Duration LOCK_BOUND = Duration.ofMillis(7_500);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    @RegisterExtension
    final RunningScaler scaler = new RunningScaler();

    private static ScaledObjectRef ref(String pair, String slot) {
        return RunningScaler.scaledObject("shop", pair, slot, "app-" + pair, 1);
    }

    @Test
    void aStateTopicThatVanishedNeverHoldsTheControllerLongerThanOneBoundedWriteAndCloseStaysBounded()
            throws Exception {
        KAFKA.kafka().createTopic("app-orders", 3);
        KAFKA.kafka().createTopic("app-payments", 3);
        ScalerApp app = scaler.start(RunningScaler.config(KAFKA.kafka().bootstrapServers(), "bounds.control", STATE));
        ExternalScalerContract.BlockingClient keda = scaler.keda();
        PairKey orders = new PairKey("shop", "orders");
        keda.getMetricSpec(ref("orders", "blue"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> app.controller().state(orders).isPresent());

        KAFKA.kafka().admin().deleteTopics(List.of(STATE)).all().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !KAFKA.kafka().admin().listTopics().names().get().contains(STATE));
        // two seconds later a second pair registers: its first start must write its state, and cannot
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        keda.getMetricSpec(ref("payments", "blue"));

        // an operator call needs the controller's lock: it waits at most for one bounded write
        long worst = 0;
        long probeUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < probeUntil) {
            long t0 = System.nanoTime();
            CompletableFuture<?> call =
                    CompletableFuture.runAsync(() -> app.controller().requestRollback(orders));
            call.get(70, TimeUnit.SECONDS);
            worst = Math.max(worst, System.nanoTime() - t0);
            await().pollDelay(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> true);
        }
        assertThat(app.controller().state(new PairKey("shop", "payments"))).isEmpty();
        long closeStart = System.nanoTime();
        scaler.closeApp();
        Duration closed = Duration.ofNanos(System.nanoTime() - closeStart);
        System.out.printf(
                "CONTROLLER IO BOUNDS: longest wait for the controller's lock %d ms, close %d ms%n",
                worst / 1_000_000, closed.toMillis());
        assertThat(Duration.ofNanos(worst)).isLessThan(LOCK_BOUND);
        assertThat(closed).isLessThan(ScalerApp.SHUTDOWN_BOUND);
    }

    @Test
    void closeStaysBoundedWithTheBrokerGone() throws Exception {
        Assumptions.assumeTrue(KAFKA.kafka().embedded(), "stops the broker: embedded only");
        KAFKA.kafka().createTopic("app-refunds", 3);
        ScalerApp app =
                scaler.start(RunningScaler.config(KAFKA.kafka().bootstrapServers(), "gone.control", "gone.state"));
        PairKey refunds = new PairKey("shop", "refunds");
        scaler.keda().getMetricSpec(ref("refunds", "blue"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> app.controller().state(refunds).isPresent());
        KAFKA.kafka().stop();
        try {
            // a resize makes the next tick write a state to a broker that is not there
            app.controller().requestResize(refunds, 2);
            await().pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> true);
            long closeStart = System.nanoTime();
            scaler.closeApp();
            Duration closed = Duration.ofNanos(System.nanoTime() - closeStart);
            System.out.printf("CONTROLLER IO BOUNDS: close with the broker stopped %d ms%n", closed.toMillis());
            assertThat(closed).isLessThan(ScalerApp.SHUTDOWN_BOUND);
        } finally {
            KAFKA.kafka().resume();
        }
    }
}
