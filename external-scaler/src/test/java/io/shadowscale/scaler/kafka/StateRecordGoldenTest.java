package io.shadowscale.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.CutoverStep;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.TrafficProfile;
import io.shadowscale.scaler.model.Transition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * State records as they sit on state topics today: the files under {@code golden/} (hex, wrapped)
 * were written by the first encoder of the layout, a hand-written one, from the states below. Every
 * later codec must read them into the same states and write those states to the same bytes, so a
 * controller of either generation reads what the other wrote.
 */
class StateRecordGoldenTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00.123Z");
    private static final PairKey PAIR = new PairKey("shop", "orders");

    /** The recorded states; each constant's name (lower case, dashes) names its file. */
    enum Golden {
        /** A pair seen for the first time: no walk, empty memory (the profile's slots all unset). */
        FRESH_PAIR {
            @Override
            PairState state() {
                return PairState.starting(PAIR, 1, T);
            }
        },
        /** A planned handoff with every collection filled and a memory waiting on a resize. */
        HANDOFF_IN_FLIGHT {
            @Override
            PairState state() {
                return StateFixtures.handoffWithEveryCollection(PAIR, T)
                        .reason("why \"quoted\" ✓")
                        .history(List.of(
                                new Transition(
                                        T.minusSeconds(9), 6, PairPhase.STEADY, PairPhase.WARMING, "resize 3 -> 5"),
                                new Transition(
                                        T, 7, PairPhase.WARMING, PairPhase.CUTTING_OVER, "5 worker(s) of blue ready")))
                        .build();
            }
        },
        /** A fence/barrier walk past its fence, read back with partitions from committed offsets. */
        BARRIER_PUBLISHED {
            @Override
            PairState state() {
                return PairState.builder(PAIR, T)
                        .phase(PairPhase.CUTTING_OVER)
                        .epoch(12)
                        .commandId(14)
                        .activeReplicas(2)
                        .targetReplicas(1)
                        .walkStartedAt(T.minusSeconds(30))
                        .step(CutoverStep.BARRIER)
                        .barrier(Map.of(
                                new Partition("orders", 0),
                                1_000_000_000_000L,
                                new Partition("orders", 1),
                                5L,
                                new Partition("refunds", 0),
                                0L))
                        .fallbackPartitions(Set.of(new Partition("orders", 1), new Partition("refunds", 0)))
                        .fallbackRecords(3)
                        .reason("barrier published")
                        .build();
            }
        },
        /** Steady after two days of learned traffic: non-trivial profile slots and level. */
        STEADY_WITH_PROFILE {
            @Override
            PairState state() {
                TrafficProfile profile = TrafficProfile.EMPTY;
                for (int slot = 0; slot < 2 * TrafficProfile.DAY_SLOTS; slot++) {
                    profile = profile.observe(T.plusSeconds(slot * 300L), 1_000 + 37.25 * (slot % 97));
                }
                return PairState.builder(PAIR, T.plus(Duration.ofDays(2)))
                        .phase(PairPhase.STEADY)
                        .epoch(40)
                        .commandId(41)
                        .active(SlotName.GREEN)
                        .activeReplicas(6)
                        .targetReplicas(6)
                        .walkStartedAt(T.plusSeconds(3_600))
                        .memory(new PolicyMemory(812.75, 0, null, T.plusSeconds(3_600), profile))
                        .reason("drained; walk to 6 took 5400 ms")
                        .build();
            }
        },
        /** Rolling back with the old slot to be activated again. */
        ROLLING_BACK {
            @Override
            PairState state() {
                return PairState.builder(new PairKey("billing-eu", "invoices"), T)
                        .phase(PairPhase.ROLLING_BACK)
                        .epoch(3)
                        .commandId(3)
                        .activeReplicas(10_000)
                        .targetReplicas(0)
                        .walkStartedAt(T)
                        .reactivateOld(true)
                        .memory(new PolicyMemory(0, 2, T, null))
                        .reason("")
                        .build();
            }
        };

        abstract PairState state();

        String file() {
            return "golden/" + name().toLowerCase().replace('_', '-') + ".hex";
        }

        byte[] bytes() {
            try (InputStream in = StateRecordGoldenTest.class.getResourceAsStream(file())) {
                if (in == null) {
                    throw new IllegalStateException("no test resource " + file());
                }
                String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
                return HexFormat.of().parseHex(hex);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Golden.class)
    void readsARecordOfTheFirstLayoutIntoTheStateItWasWrittenFrom(Golden golden) {
        assertThat(StateCodec.decode(golden.bytes())).isEqualTo(golden.state());
    }

    @ParameterizedTest
    @EnumSource(Golden.class)
    void writesAStateToTheBytesOfTheFirstLayout(Golden golden) {
        assertThat(HexFormat.of().formatHex(StateCodec.encode(golden.state())))
                .isEqualTo(HexFormat.of().formatHex(golden.bytes()));
    }
}
