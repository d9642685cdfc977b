package io.shadowscale.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessMainTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void anInvalidConfigurationListsEveryProblemAndExitsWithTwo() {
        int code = ProcessMain.badConfig(
                "scaler",
                List.of("A: not a number", "B: required, not set"),
                "run with --help for the list of settings",
                err);
        assertThat(code).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                shadowscale scaler: invalid configuration (2 problems):
                  - A: not a number
                  - B: required, not set
                run with --help for the list of settings
                """);
    }

    @Test
    void aFailedStartPrintsItsReasonAndExitsWithOne() {
        int code = ProcessMain.startFailed("worker", "IllegalStateException: password=******", err);
        assertThat(code).isEqualTo(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("shadowscale worker: cannot start: IllegalStateException: password=******\n");
    }

    @Test
    void anInterruptedWaitRunsTheShutdownOnce() throws Exception {
        int[] runs = {0};
        Thread waiter = new Thread(() -> ProcessMain.awaitShutdown("test-shutdown", () -> runs[0]++));
        waiter.start();
        waiter.interrupt();
        waiter.join(10_000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(runs[0]).isEqualTo(1);
    }
}
