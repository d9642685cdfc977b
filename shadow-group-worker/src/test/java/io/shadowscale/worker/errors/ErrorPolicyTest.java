package io.shadowscale.worker.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ErrorPolicyTest {
    private static ErrorPolicy policy(int retries, long initialMs, long maxMs) {
        return new ErrorPolicy(
                ErrorPolicy.Action.DEAD_LETTER, retries, Duration.ofMillis(initialMs), Duration.ofMillis(maxMs), "dlq");
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        ErrorPolicy policy = policy(6, 100, 1000);
        assertThat(IntStream.rangeClosed(1, 6)
                        .mapToObj(policy::backoff)
                        .map(Duration::toMillis)
                        .toList())
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        assertThat(policy.worstCaseWait()).isEqualTo(Duration.ofMillis(3500));
    }

    @Test
    void zeroBackoffRetriesAtOnce() {
        ErrorPolicy policy = policy(3, 0, 0);
        assertThat(policy.backoff(3)).isEqualTo(Duration.ZERO);
        assertThat(policy.worstCaseWait()).isEqualTo(Duration.ZERO);
    }

    @Test
    void noRetriesNoWait() {
        assertThat(policy(0, 100, 1000).worstCaseWait()).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsRetryNumberZero() {
        assertThatThrownBy(() -> policy(3, 100, 1000).backoff(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry numbers start at 1, was 0");
    }

    @Test
    void actionsParseFromTheirLabels() {
        assertThat(ErrorPolicy.Action.parse("Dead-Letter")).contains(ErrorPolicy.Action.DEAD_LETTER);
        assertThat(ErrorPolicy.Action.parse("stop")).contains(ErrorPolicy.Action.STOP);
        assertThat(ErrorPolicy.Action.parse("skip")).isEmpty();
    }
}
