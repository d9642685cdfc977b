package io.shadowscale.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioRegistryTest {
    @Test
    void listsTheBaselinesAndReservesTheCutoverSlot() {
        ScenarioRegistry r = ScenarioRegistry.defaults();

        assertThat(r.names()).containsExactly("steady", "eager", "cooperative", "consumer", "share", "cutover");
        assertThat(r.find("steady").orElseThrow().scales()).isFalse();
        assertThat(r.find("eager").orElseThrow().scales()).isTrue();
    }

    @Test
    void cutoverIsDiscoveredOnceItsClassIsBuilt() {
        ScenarioRegistry.Entry cutover =
                ScenarioRegistry.defaults().find("cutover").orElseThrow();

        assertThat(cutover.available()).isTrue();
        assertThat(cutover.scales()).isTrue();
        assertThat(cutover.create().getClass().getName()).isEqualTo(ScenarioRegistry.CUTOVER_CLASS);
    }

    /** The reserved slot as it is when the cutover class is not on the classpath. */
    private static ScenarioRegistry.Entry unbuiltCutover() {
        return new ScenarioRegistry.Entry(
                ScenarioRegistry.CUTOVER,
                ScenarioRegistry.CUTOVER_DESCRIPTION,
                true,
                Optional.empty(),
                ScenarioRegistry.CUTOVER_MISSING);
    }

    @Test
    void anUnbuiltCutoverReportsItIsNotBuiltYet() {
        assertThat(unbuiltCutover().available()).isFalse();
        assertThatThrownBy(unbuiltCutover()::create)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("scenario 'cutover' is not built yet: needs the worker and controller");
    }

    @Test
    void aRunOfAnUnavailableScenarioIsAFailedResultWithTheReason() throws Exception {
        ScenarioResult r = new ScenarioRun("127.0.0.1:1", System.out)
                .run(unbuiltCutover(), LoadOptions.parse(Map.of("out", "x")), true, "t");

        assertThat(r.error()).isEqualTo("not built yet: needs the worker and controller");
        assertThat(r.sent()).isZero();
    }

    @Test
    void discoversAScenarioClassOnTheClasspath() {
        Scenario found = ScenarioRegistry.discover(FixedScenario.class.getName())
                .orElseThrow()
                .get();

        assertThat(found).isInstanceOf(FixedScenario.class);
        assertThat(ScenarioRegistry.discover("io.shadowscale.bench.load.NoSuchScenario"))
                .isEmpty();
    }

    @Test
    void refusesADiscoveredClassThatIsNotAScenario() {
        assertThatThrownBy(() -> ScenarioRegistry.discover(String.class.getName()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("java.lang.String does not implement io.shadowscale.bench.load.Scenario");
    }

    /** A do-nothing scenario for discovery and registration. */
    public static final class FixedScenario implements Scenario {
        public FixedScenario() {}

        @Override
        public void start(ConsumerSettings settings, int members) {}

        @Override
        public boolean awaitReady(Duration timeout) {
            return true;
        }

        @Override
        public void scale(int members) {}

        @Override
        public int members() {
            return 0;
        }

        @Override
        public void stop() {}
    }

    @Test
    void registeringCutoverFillsTheSlot() {
        Scenario wired = new FixedScenario();
        ScenarioRegistry r = ScenarioRegistry.defaults()
                .register(ScenarioRegistry.CUTOVER, "Shadowscale cutover", true, () -> wired);

        assertThat(r.find("cutover").orElseThrow().create()).isSameAs(wired);
        assertThat(r.names()).containsExactly("steady", "eager", "cooperative", "consumer", "share", "cutover");
    }
}
