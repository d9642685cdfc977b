package io.shadowscale.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shadowscale.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault scenarios of {@code bench fault} in their short CI form (1,000 msg/s, 6 partitions,
 * a walk from 1 to 2 workers, one run each): real broker in this JVM, scaler and workers as child processes, real
 * SIGKILLs.
 * Every scenario must lose nothing and end with the pair STEADY on the new slot (or, for
 * {@code shadow-kill}, rolled back to the old one when the replacement could not warm up in
 * time); the scenarios whose owner answers its fence (all but {@code active-kill}) must not
 * duplicate anything either.
 *
 * <p>The network scenarios and {@code leader-kill} are bench runs only: the network faults have
 * their CI form in the end-to-end tests ({@code NetworkFaultIT}, {@code NetworkCutWalkIT}), and
 * {@code leader-kill} starts three more JVMs (two scalers, a Kubernetes API) than CI's time allows.
 */
class FaultScenariosIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(FaultCommand.broker());

    @TempDir
    static Path reports;

    @BeforeAll
    static void needsAnEmbeddedBroker() {
        assumeTrue(KAFKA.kafka().embedded(), "the broker restart scenarios need the in-process broker");
    }

    @ParameterizedTest
    @EnumSource(
            value = FaultScenario.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"CUT_ACTIVE", "CUT_SHADOW", "CUT_HANDOFF", "CUT_SCALER", "LATENCY_200MS", "LEADER_KILL"})
    void losesNothingAndEndsSteady(FaultScenario scenario) throws Exception {
        String only = System.getProperty("fault.it.scenarios", "all");
        assumeTrue(
                only.equals("all") || List.of(only.split(",")).contains(scenario.label()),
                "-Dfault.it.scenarios=" + only);
        FaultSettings settings = FaultSettings.ci(List.of(scenario), reports);
        FaultRun run = new FaultRun(KAFKA.kafka(), settings, scenario, 1);

        FaultResult result = run.execute();

        System.out.println(scenario.label() + ": " + result);
        assertThat(result.acked()).as("records acknowledged").isPositive();
        assertThat(result.lost()).as("records lost").isZero();
        assertThat(result.unprocessed())
                .as("records still unprocessed when the drain ended")
                .isZero();
        assertThat(result.recovered())
                .as("steady again and caught up; notes %s", result.notes())
                .isTrue();
        String walked = "STEADY greenx" + settings.to();
        String stayed = "STEADY bluex" + settings.from();
        if (scenario == FaultScenario.SHADOW_KILL) {
            // the replacement must start and warm within warmupTimeout, else the walk rolls back: both are safe
            assertThat(result.finalState()).as("walked or rolled back").matches("(" + walked + "|" + stayed + ") .*");
        } else {
            assertThat(result.finalState()).startsWith(scenario.walks() ? walked : stayed);
        }
        if (scenario.exactlyOnceExpected()) {
            assertThat(result.duplicates()).as("duplicates").isZero();
        }
        if (scenario == FaultScenario.BAD_CONTROL) {
            assertThat(result.rejectedControlRecords())
                    .as("bad records logged as ignored")
                    .isPositive();
        }
    }
}
