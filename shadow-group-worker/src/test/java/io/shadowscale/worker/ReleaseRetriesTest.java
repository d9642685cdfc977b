package io.shadowscale.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReleaseRetriesTest {
    private final List<Long> attempts = new ArrayList<>();
    private final List<CompletableFuture<Object>> sends = new ArrayList<>();
    private final ReleaseRetries releases = new ReleaseRetries("blue-1", envelope -> {
        attempts.add(envelope.getRelease().getOffsets(0).getOffset());
        CompletableFuture<Object> sent = new CompletableFuture<>();
        sends.add(sent);
        return sent;
    });

    private static ControlEnvelope release(long offset) {
        return ControlEnvelope.newBuilder()
                .setRelease(Release.newBuilder()
                        .addOffsets(PartitionOffset.newBuilder()
                                .setTopic("orders")
                                .setPartition(0)
                                .setOffset(offset)))
                .build();
    }

    @Test
    void aReleaseWhoseSendFailedIsSentAgainAtTheNextRetryUntilItIsDelivered() {
        releases.send(release(100));
        releases.send(release(200));
        sends.get(0).completeExceptionally(new IllegalStateException("not sent: a send timed out"));
        sends.get(1).complete("delivered");
        assertThat(releases.pending()).isEqualTo(1);

        releases.retry();
        assertThat(attempts).containsExactly(100L, 200L, 100L);
        assertThat(releases.pending()).isZero();
        sends.get(2).completeExceptionally(new IllegalStateException("still cut off"));
        assertThat(releases.pending()).isEqualTo(1);

        releases.retry();
        sends.get(3).complete("delivered");
        releases.retry();
        assertThat(attempts).containsExactly(100L, 200L, 100L, 100L);
        assertThat(releases.pending()).isZero();
    }

    @Test
    void aSenderThatThrowsKeepsTheReleaseAndClearForgetsIt() {
        ReleaseRetries throwing = new ReleaseRetries("blue-1", envelope -> {
            throw new IllegalStateException("closed");
        });
        throwing.send(release(100));
        assertThat(throwing.pending()).isEqualTo(1);
        throwing.retry();
        assertThat(throwing.pending()).isEqualTo(1);
        throwing.clear();
        assertThat(throwing.pending()).isZero();
    }

    @Test
    void nothingIsSentAgainWhenEverySendSucceeded() {
        releases.send(release(100));
        sends.get(0).complete("delivered");
        releases.retry();
        assertThat(attempts).containsExactly(100L);
    }
}
