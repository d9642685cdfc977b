package io.shadowscale.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.kafka.proto.PairStateRecord;
import io.shadowscale.scaler.kafka.proto.TransitionRecord;
import io.shadowscale.scaler.model.CutoverStep;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PhaseCommand;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.TrafficProfile;
import io.shadowscale.scaler.model.Transition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StateCodecTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00.123Z");

    @ParameterizedTest
    @EnumSource(PairPhase.class)
    void roundTripsAStateOfEveryPhase(PairPhase phase) {
        PairState s = StateFixtures.handoffWithEveryCollection(new PairKey("shop", "orders"), T)
                .phase(phase)
                .step(phase == PairPhase.CUTTING_OVER ? CutoverStep.HANDOFF : CutoverStep.NONE)
                .reason("why \"quoted\"")
                .history(List.of(new Transition(T, 7, PairPhase.STEADY, phase, "because")))
                .build();
        assertThat(StateCodec.decode(StateCodec.encode(s))).isEqualTo(s);
    }

    @Test
    void aRecordWithoutACutoverStepTakesItFromTheBarrier() throws Exception {
        PairState fencing = PairState.builder(new PairKey("shop", "orders"), T)
                .phase(PairPhase.CUTTING_OVER)
                .step(CutoverStep.FENCING)
                .build();
        PairState barrier = fencing.toBuilder()
                .step(CutoverStep.BARRIER)
                .barrier(Map.of(new Partition("a", 0), 4L))
                .build();
        assertThat(StateCodec.decode(withoutFields(StateCodec.encode(fencing), 20, 21)))
                .isEqualTo(fencing);
        assertThat(StateCodec.decode(withoutFields(StateCodec.encode(barrier), 20, 21)))
                .isEqualTo(barrier);
    }

    @Test
    void aCutoverStepOfANewerControllerReadsAsUnknownAndResumesByFencing() throws Exception {
        PairState s = PairState.builder(new PairKey("shop", "orders"), T)
                .phase(PairPhase.CUTTING_OVER)
                .step(CutoverStep.FENCING)
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(withoutFields(StateCodec.encode(s), 20));
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(20, "SOMETHING_NEWER");
        out.flush();
        PairState read = StateCodec.decode(bytes.toByteArray());
        assertThat(read.step()).isEqualTo(CutoverStep.UNKNOWN);
        assertThat(read.resumed(T).step()).isEqualTo(CutoverStep.FENCING);
    }

    /** The record with the given top-level fields left out (what an older writer wrote). */
    private static byte[] withoutFields(byte[] record, int... fields) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(record);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (Arrays.stream(fields).anyMatch(f -> f == field)) {
                in.skipField(tag);
            } else {
                in.skipField(tag, out);
            }
        }
        out.flush();
        return bytes.toByteArray();
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(StateCodec.encode(s));
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(99, "from a newer controller");
        out.flush();
        assertThat(StateCodec.decode(bytes.toByteArray())).isEqualTo(s);
    }

    @Test
    void anOlderReaderSurvivesANewerRecordByRollingBackToTheActiveSlot() throws Exception {
        PairState written = StateFixtures.plannedHandoff(new PairKey("shop", "orders"), T)
                .plan(Map.of(new Partition("a", 0), 12L))
                .barrier(Map.of(new Partition("a", 0), 10L))
                .fallbackPartitions(Set.of(new Partition("a", 0)))
                .fallbackRecords(17)
                .paused(true)
                .memory(new PolicyMemory(1234.5, 4, T, null))
                .reason("handing over")
                .history(List.of(new Transition(T.minusSeconds(9), 6, PairPhase.STEADY, PairPhase.WARMING, "resize")))
                .build();
        // a newer controller: a phase and a history entry this version does not know, two fields it does not have
        PairStateRecord.Builder newer = PairStateRecord.parseFrom(StateCodec.encode(written)).toBuilder()
                .setPhase("SOMETHING_NEWER")
                .addHistory(TransitionRecord.newBuilder()
                        .setAtMs(T.toEpochMilli())
                        .setEpoch(7)
                        .setFrom("WARMING")
                        .setTo("SOMETHING_NEWER")
                        .setReason("newer walk"));
        newer.setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(23, UnknownFieldSet.Field.newBuilder().addVarint(5).build())
                .addField(
                        99,
                        UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(ByteString.copyFromUtf8("from a newer controller"))
                                .build())
                .build());
        byte[] record = newer.build().toByteArray();

        PairState read = StateCodec.decode(record);

        assertThat(read)
                .isEqualTo(written.toBuilder()
                        .phase(PairPhase.ROLLING_BACK)
                        .step(CutoverStep.NONE)
                        .plan(Map.of())
                        .barrier(Map.of())
                        .fallbackPartitions(Set.of())
                        .fallbackRecords(0)
                        .reactivateOld(true)
                        .reason("phase SOMETHING_NEWER of a newer controller is unknown to this one; rolling back to "
                                + "green" + " (handing over)")
                        .history(List.of(
                                written.history().get(0),
                                new Transition(
                                        T,
                                        7,
                                        PairPhase.WARMING,
                                        PairPhase.ROLLING_BACK,
                                        "newer walk (written as WARMING -> SOMETHING_NEWER)")))
                        .build());
        PairState resumed = read.resumed(T.plusSeconds(1));
        assertThat(PhaseCommand.of(resumed))
                .containsExactly(
                        new PhaseCommand(SlotName.BLUE, PhaseCommand.Kind.ABORT, 8, 10, 0, "", Map.of()),
                        new PhaseCommand(SlotName.GREEN, PhaseCommand.Kind.ACTIVATE, 8, 10, 0, "", Map.of()));
        assertThat(resumed.targetOf(SlotName.GREEN)).isEqualTo(SlotTarget.run(3, "rolling_back: active with 3"));
        assertThat(resumed.targetOf(SlotName.BLUE)).isEqualTo(new SlotTarget(0, false, "rolling_back: idle"));
    }

    @Test
    void fieldsOfANewerControllerAreSkippedAndNotWrittenBack() throws Exception {
        PairState s = PairState.starting(new PairKey("shop", "orders"), 2, T);
        byte[] newer = PairStateRecord.parseFrom(StateCodec.encode(s)).toBuilder()
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(
                                23,
                                UnknownFieldSet.Field.newBuilder()
                                        .addFixed64(42)
                                        .build())
                        .build())
                .build()
                .toByteArray();

        PairState read = StateCodec.decode(newer);

        assertThat(read).isEqualTo(s);
        assertThat(StateCodec.encode(read)).isEqualTo(StateCodec.encode(s)).isNotEqualTo(newer);
    }

    @Test
    void rejectsARecordWithoutAPhase() throws Exception {
        byte[] record =
                PairStateRecord.parseFrom(StateCodec.encode(PairState.starting(new PairKey("shop", "orders"), 1, T)))
                        .toBuilder()
                        .clearPhase()
                        .build()
                        .toByteArray();
        assertThatThrownBy(() -> StateCodec.decode(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed pair state record: no phase");
    }
}
