package io.shadowscale.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.CodedOutputStream;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.Partition;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.TrafficProfile;
import io.shadowscale.scaler.model.Transition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00.123Z");

    @ParameterizedTest
    @EnumSource(PairPhase.class)
    void roundTripsAStateOfEveryPhase(PairPhase phase) {
        PairState s = new PairState(new PairKey("shop", "orders"), phase, 7, 9, SlotName.GREEN, 3, 5, T,
                T.minusSeconds(4), Map.of(new Partition("a", 0), 10L, new Partition("b", 2), 0L),
                Set.of(new Partition("b", 2)), 17, true, true,
                new PolicyMemory(1234.5, 4, T.minus(Duration.ofMinutes(1)), null), "why \"quoted\"",
                java.util.List.of(new Transition(T, 7, PairPhase.STEADY, phase, "because")));
        assertThat(StateCodec.decode(StateCodec.encode(s))).isEqualTo(s);
    }

    @Test
    void roundTripsTheLearnedTrafficProfile() {
        TrafficProfile profile = TrafficProfile.EMPTY;
        for (int second = 0; second < 900; second += 5) {
            profile = profile.observe(T.plusSeconds(second), 1_000 + second);
        }
        PairState s = PairState.starting(new PairKey("shop", "orders"), 1, T)
                .withMemory(new PolicyMemory(12_000, 0, null, T, profile));

        PairState back = StateCodec.decode(StateCodec.encode(s));

        assertThat(back).isEqualTo(s);
        assertThat(back.memory().profile().observedSlots()).isEqualTo(4);
    }

    @Test
    void roundTripsAFreshPair() {
        PairState s = PairState.starting(new PairKey("shop", "orders"), 1, T);
        assertThat(StateCodec.decode(StateCodec.encode(s))).isEqualTo(s);
    }

    @Test
    void rejectsANewerLayoutVersion() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeUInt32(1, 2);
        out.flush();
        assertThatThrownBy(() -> StateCodec.decode(bytes.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed pair state record: version 2, this controller reads 1..1");
    }

    @Test
    void skipsFieldsItDoesNotKnow() throws Exception {
        PairState s = PairState.starting(new PairKey("shop", "orders"), 1, T);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(StateCodec.encode(s));
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(99, "from a newer controller");
        out.flush();
        assertThat(StateCodec.decode(bytes.toByteArray())).isEqualTo(s);
    }
}
