package io.shadowscale.scaler.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.config.ScaledObjectMetadata;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.testing.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PairClaimsTest {
    private static final PairKey ORDERS = new PairKey("shop", "orders");

    private final FakeSlotTargets targets = new FakeSlotTargets();
    private final MutableClock clock = new MutableClock();
    private final PairClaims claims = new PairClaims(targets, clock, Duration.ofMinutes(10));

    private static ScaledObjectMetadata slot(String slot, String... more) {
        Map<String, String> m = new HashMap<>(
                Map.of("pair", "orders", "slot", slot, "topics", "orders", "deployment", "orders-" + slot));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return ScaledObjectMetadata.parse("shop", "so", m);
    }

    @Test
    void registersANewPairOnceAndAgainWhenItChanges() {
        claims.admit("shop/orders-blue", slot("blue"));
        claims.admit("shop/orders-blue", slot("blue"));
        claims.admit("shop/orders-green", slot("green"));
        claims.admit("shop/orders-green", slot("green"));

        assertThat(targets.registrations)
                .containsExactly(
                        new PairSpec(
                                ORDERS,
                                List.of("orders"),
                                PolicySettings.DEFAULTS,
                                Map.of(SlotName.BLUE, "orders-blue")),
                        new PairSpec(
                                ORDERS,
                                List.of("orders"),
                                PolicySettings.DEFAULTS,
                                Map.of(SlotName.BLUE, "orders-blue", SlotName.GREEN, "orders-green")));
    }

    static Stream<Arguments> conflictingClaims() {
        return Stream.of(
                Arguments.of(
                        "a second ScaledObject claiming a taken slot",
                        "shop/orders-blue-2",
                        slot("blue"),
                        "ScaledObject shop/orders-blue-2 claims slot blue of pair shop/orders, which "
                                + "ScaledObject shop/orders-blue already claims; give one of them slot green"),
                Arguments.of(
                        "slots that disagree, naming both ScaledObjects and the keys",
                        "shop/orders-green",
                        slot("green", "topics", "orders,refunds", "minReplicas", "2"),
                        "ScaledObjects shop/orders-green (slot green) and shop/orders-blue (slot blue) of "
                                + "pair shop/orders disagree on topics, minReplicas; both must carry the same values"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("conflictingClaims")
    void refusesAClaimInConflictWithTheSlotAlreadyClaimed(
            String conflict, String scaledObject, ScaledObjectMetadata claim, String message) {
        claims.admit("shop/orders-blue", slot("blue"));

        ScalerError e = catchThrowableOfType(ScalerError.class, () -> claims.admit(scaledObject, claim));

        assertThat(e.reason()).isEqualTo(ScalerError.Reason.PAIR_CONFLICT);
        assertThat(e).hasMessage(message);
        assertThat(targets.registrations).hasSize(1);
    }

    @Test
    void acceptsAnEditOfBothScaledObjectsOnceTheyAgreeAgain() {
        claims.admit("shop/orders-blue", slot("blue"));
        claims.admit("shop/orders-green", slot("green"));

        ScalerError first = catchThrowableOfType(
                ScalerError.class, () -> claims.admit("shop/orders-blue", slot("blue", "maxReplicas", "6")));
        ScalerError untouched =
                catchThrowableOfType(ScalerError.class, () -> claims.admit("shop/orders-green", slot("green")));
        claims.admit("shop/orders-green", slot("green", "maxReplicas", "6"));
        claims.admit("shop/orders-blue", slot("blue", "maxReplicas", "6"));

        assertThat(first.reason()).isEqualTo(ScalerError.Reason.PAIR_CONFLICT);
        assertThat(untouched.reason()).isEqualTo(ScalerError.Reason.PAIR_CONFLICT);
        assertThat(targets.registrations).hasSize(3);
        assertThat(targets.registrations.get(2).policy().maxReplicas()).isEqualTo(6);
    }

    @Test
    void letsAReplacementTakeASlotOnceTheOldClaimLapsed() {
        claims.admit("shop/old-blue", slot("blue"));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        claims.admit("shop/new-blue", slot("blue"));

        ScalerError e = catchThrowableOfType(ScalerError.class, () -> claims.admit("shop/old-blue", slot("blue")));
        assertThat(e).hasMessageContaining("which ScaledObject shop/new-blue already claims");
    }

    @Test
    void aScaledObjectMovingToTheOtherSlotFreesItsOldOne() {
        claims.admit("shop/a", slot("blue"));
        claims.admit("shop/a", slot("green"));

        claims.admit("shop/b", slot("blue"));

        assertThat(targets.registrations)
                .last()
                .extracting(PairSpec::deployments)
                .isEqualTo(Map.of(SlotName.BLUE, "orders-blue", SlotName.GREEN, "orders-green"));
    }

    @Test
    void reportsAControllerThatCannotRegisterAsUnavailable() {
        targets.failure = new IllegalStateException("state topic unreachable");

        ScalerError e = catchThrowableOfType(ScalerError.class, () -> claims.admit("shop/a", slot("blue")));

        assertThat(e.reason()).isEqualTo(ScalerError.Reason.UNAVAILABLE);
        assertThat(e).hasMessage("the pair controller could not register pair shop/orders: state topic unreachable");
        targets.failure = null;
        claims.admit("shop/a", slot("blue"));
        assertThat(targets.registrations).hasSize(1);
    }
}
