package io.shadowscale.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerMainTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"svc\" password=\"pw-in-jaas\";";
    private static final String EVERY_PROBLEM = """
            invalid worker configuration:
              SHADOWSCALE_BOOTSTRAP_SERVERS: required, not set
              SHADOWSCALE_TOPICS: required, not set
              SHADOWSCALE_PAIR_NAMESPACE: required, not set (nor POD_NAMESPACE)
              SHADOWSCALE_PAIR_NAME: required, not set
              SHADOWSCALE_SLOT='red': must be one of blue, green
              SHADOWSCALE_WORKER_ID: required, not set (nor HOSTNAME)
              SHADOWSCALE_CONTROL_TOPIC: required, not set (nor SHADOWSCALE_ENVIRONMENT, which makes it shadowscale.<environment>.control)
              SHADOWSCALE_HTTP_PORT='-1': must be an integer from 0 to 65535
              SHADOWSCALE_OUTPUT_TOPIC: required by SHADOWSCALE_PROCESSOR=io.shadowscale.worker.example.ExampleProcessor, not set
              SHADOWSCALE_KAFKA_GROUP_ID='mine': group.id is set by the worker and cannot be overridden
            """;
    private static final Map<String, String> BAD = Map.of(
            "SHADOWSCALE_SLOT",
            "red",
            "SHADOWSCALE_HTTP_PORT",
            "-1",
            "SHADOWSCALE_KAFKA_GROUP_ID",
            "mine",
            "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG",
            JAAS);

    @Test
    void badConfigurationPrintsEveryProblem() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        boolean ok = WorkerMain.configure(BAD, new PrintStream(err, true, StandardCharsets.UTF_8))
                .isPresent();
        assertThat(ok).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(EVERY_PROBLEM);
    }

    @Test
    void runExitsWithCode2AndPrintsEveryProblemAtOnce() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = WorkerMain.run(
                BAD,
                new String[0],
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(EVERY_PROBLEM)
                .doesNotContain("pw-in-jaas");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theJarsMainExitsWithCode2InAProcessOfItsOwn() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp",
                classpath,
                WorkerMain.class.getName()));
        builder.environment().clear();
        builder.environment().putAll(BAD);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String stderr;
        try (var in = process.getErrorStream()) {
            stderr = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).isEqualTo(WorkerMain.EXIT_BAD_CONFIG);
        assertThat(stderr.replace("\r\n", "\n")).isEqualTo(EVERY_PROBLEM).doesNotContain("pw-in-jaas");
    }

    /** What every worker needs, as a mutable map: slot blue of pair ns/p in environment dev, on host h. */
    private static Map<String, String> blueSlotEnv(String bootstrapServers) {
        return new HashMap<>(Map.of(
                "SHADOWSCALE_BOOTSTRAP_SERVERS",
                bootstrapServers,
                "SHADOWSCALE_TOPICS",
                "t",
                "POD_NAMESPACE",
                "ns",
                "SHADOWSCALE_PAIR_NAME",
                "p",
                "SHADOWSCALE_SLOT",
                "blue",
                "HOSTNAME",
                "h",
                "SHADOWSCALE_ENVIRONMENT",
                "dev"));
    }

    @Test
    void aStartFailureIsPrintedRedactedWithExitCode1() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = blueSlotEnv("127.0.0.1:1");
        env.put("SHADOWSCALE_HTTP_PORT", "0");
        env.put("SHADOWSCALE_PROCESSOR", LeakyProcessor.class.getName());
        env.put("SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", JAAS);
        env.put("SHADOWSCALE_KAFKA_SSL_KEY_PASSWORD", "pw-of-the-key");

        int code = WorkerMain.run(env, new String[0], System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(WorkerMain.EXIT_START_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("shadowscale worker: cannot start: "
                        + "java.lang.IllegalStateException: could not log in with ******; caused by: "
                        + "java.lang.IllegalArgumentException: password ****** refused\n");
    }

    @Test
    void helpListsEveryVariable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(WorkerMain.run(
                        Map.of(),
                        new String[] {"--help"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("SHADOWSCALE_ENVIRONMENT", "SHADOWSCALE_KAFKA_<X>");
    }

    @Test
    void goodConfigurationIsReturned() {
        Map<String, String> env = blueSlotEnv("k:9092");
        env.put("SHADOWSCALE_OUTPUT_TOPIC", "o");

        assertThat(WorkerMain.configure(env, System.err))
                .get()
                .extracting(WorkerConfig::groupId)
                .isEqualTo("shadowscale.ns.p.blue");
    }
}
