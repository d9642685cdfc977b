package io.shadowscale.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScalerMainTest {
    private static final String EVERY_PROBLEM = String.join(
            System.lineSeparator(),
            "shadowscale scaler: invalid configuration (4 problems):",
            "  - SHADOWSCALE_BOOTSTRAP_SERVERS: missing; required, a comma-separated list of host:port",
            "  - SHADOWSCALE_GRPC_PORT='x': expected an integer in [0, 65535]",
            "  - SHADOWSCALE_LEADER_ELECTION='maybe': expected true or false",
            "  - SHADOWSCALE_ENVIRONMENT: missing; required unless SHADOWSCALE_CONTROL_TOPIC and "
                    + "SHADOWSCALE_STATE_TOPIC are both set, a DNS-1123 label (topics "
                    + "shadowscale.<environment>.control "
                    + "and .state)",
            "run with --help for the list of settings",
            "");
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return ScalerMain.run(env, List.of(args), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitsWithCode2ListingEveryConfigurationProblem() {
        int code = run(
                Map.of("SHADOWSCALE_GRPC_PORT", "x", "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", "password=hunter2"),
                "--leader-election=maybe");

        assertThat(code).isEqualTo(2);
        assertThat(err()).isEqualTo(EVERY_PROBLEM).doesNotContain("hunter2");
    }

    @Test
    void theJarsMainExitsWithCode2InAProcessOfItsOwn() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp",
                classpath,
                ScalerMain.class.getName(),
                "--leader-election=maybe"));
        builder.environment().clear();
        builder.environment()
                .putAll(Map.of("SHADOWSCALE_GRPC_PORT", "x", "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", "password=hunter2"));
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String stderr;
        try (var in = process.getErrorStream()) {
            stderr = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).isEqualTo(ScalerMain.EXIT_BAD_CONFIG);
        assertThat(stderr).isEqualTo(EVERY_PROBLEM).doesNotContain("hunter2");
    }

    @Test
    void aTakenAdminPortStopsTheStartWithExitCode1BeforeTheControllerStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run(
                    Map.of("SHADOWSCALE_BOOTSTRAP_SERVERS", "127.0.0.1:1", "SHADOWSCALE_ENVIRONMENT", "test"),
                    "--grpc-port=0",
                    "--admin-port=" + taken.getLocalPort());

            assertThat(code).isEqualTo(1);
            assertThat(err())
                    .isEqualTo("shadowscale scaler: cannot start: admin port " + taken.getLocalPort()
                            + ": Address already in use" + System.lineSeparator());
        }
    }

    @Test
    void helpListsTheSettings() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(err()).contains("SHADOWSCALE_BOOTSTRAP_SERVERS", "SHADOWSCALE_TLS_CA", "SHADOWSCALE_KAFKA_<X>");
    }
}
