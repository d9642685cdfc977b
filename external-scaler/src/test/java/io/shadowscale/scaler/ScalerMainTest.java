package io.shadowscale.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ScalerMainTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return ScalerMain.run(env, List.of(args), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitsWithCode2ListingEveryConfigurationProblem() {
        int code = run(Map.of("SHADOWSCALE_GRPC_PORT", "x", "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", "password=hunter2"),
                "--leader-election=maybe");

        assertThat(code).isEqualTo(2);
        assertThat(err()).isEqualTo(String.join(System.lineSeparator(),
                "shadowscale scaler: invalid configuration (3 problems):",
                "  - SHADOWSCALE_BOOTSTRAP_SERVERS: missing; required, a comma-separated list of host:port",
                "  - SHADOWSCALE_GRPC_PORT='x': expected an integer in [0, 65535]",
                "  - SHADOWSCALE_LEADER_ELECTION='maybe': expected true or false",
                "run with --help for the list of settings", ""));
    }

    @Test
    void aTakenAdminPortStopsTheStartWithExitCode1BeforeTheControllerStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run(Map.of("SHADOWSCALE_BOOTSTRAP_SERVERS", "127.0.0.1:1"), "--grpc-port=0",
                    "--admin-port=" + taken.getLocalPort());

            assertThat(code).isEqualTo(1);
            assertThat(err()).isEqualTo("shadowscale scaler: cannot start: admin port " + taken.getLocalPort()
                    + ": Address already in use" + System.lineSeparator());
        }
    }

    @Test
    void helpListsTheSettings() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(err()).contains("SHADOWSCALE_BOOTSTRAP_SERVERS", "SHADOWSCALE_TLS_CA", "SHADOWSCALE_KAFKA_<X>");
    }
}
