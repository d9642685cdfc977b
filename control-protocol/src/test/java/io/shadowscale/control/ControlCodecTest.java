package io.shadowscale.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.Fence;
import io.shadowscale.control.proto.Handoff;
import io.shadowscale.control.proto.PairId;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Release;
import io.shadowscale.control.proto.Slot;
import org.junit.jupiter.api.Test;

class ControlCodecTest {
    private static final ControlEnvelope FENCE = ControlEnvelope.newBuilder()
            .setPair(PairId.newBuilder().setNamespace("shop").setName("orders"))
            .setEpoch(7)
            .setCommand(Command.newBuilder().setSlot(Slot.BLUE).setFence(Fence.getDefaultInstance()))
            .build();

    @Test
    void encodeStampsVersionOneOnWhatVersionOneReadersUnderstandAndDecodesBack() {
        ControlCodec.Decoded decoded = ControlCodec.decode(ControlCodec.encode(FENCE));
        assertThat(decoded.ok()).isTrue();
        assertThat(decoded.envelope()).contains(FENCE.toBuilder().setVersion(1).build());
    }

    @Test
    void encodeStampsVersionTwoOnHandoffAndRelease() {
        ControlEnvelope handoff = FENCE.toBuilder()
                .setCommand(Command.newBuilder()
                        .setHandoff(Handoff.newBuilder().setFromSlot(Slot.BLUE).setToSlot(Slot.GREEN)))
                .build();
        ControlEnvelope release = FENCE.toBuilder()
                .setRelease(Release.newBuilder()
                        .setSlot(Slot.BLUE)
                        .setWorkerId("w-1")
                        .addOffsets(PartitionOffset.newBuilder()
                                .setTopic("orders")
                                .setPartition(3)
                                .setOffset(42)))
                .build();
        assertThat(ControlCodec.decode(ControlCodec.encode(handoff)).envelope())
                .contains(handoff.toBuilder().setVersion(2).build());
        assertThat(ControlCodec.decode(ControlCodec.encode(release)).envelope())
                .contains(release.toBuilder().setVersion(2).build());
    }

    @Test
    void rejectsMalformedBytes() {
        ControlCodec.Decoded decoded = ControlCodec.decode(new byte[] {(byte) 0xff, 0x01, 0x02});
        assertThat(decoded.ok()).isFalse();
        assertThat(decoded.rejection()).startsWith("malformed control record: ");
    }

    @Test
    void rejectsNewerProtocolVersion() {
        byte[] bytes = FENCE.toBuilder()
                .setVersion(ControlCodec.PROTOCOL_VERSION + 1)
                .build()
                .toByteArray();
        assertThat(ControlCodec.decode(bytes).rejection())
                .isEqualTo("control record of protocol version 3, this reader speaks 2");
    }

    @Test
    void rejectsRecordWithoutVersionPairOrBody() {
        assertThat(ControlCodec.decode(FENCE.toByteArray()).rejection())
                .isEqualTo("control record without a protocol version");
        assertThat(ControlCodec.decode(FENCE.toBuilder()
                                .setVersion(1)
                                .clearPair()
                                .build()
                                .toByteArray())
                        .rejection())
                .isEqualTo("control record without a valid pair id");
        assertThat(ControlCodec.decode(FENCE.toBuilder()
                                .setVersion(1)
                                .clearCommand()
                                .build()
                                .toByteArray())
                        .rejection())
                .isEqualTo("control record with neither command nor status");
        assertThat(ControlCodec.decode(null).rejection()).isEqualTo("empty record");
    }

    @Test
    void pairKeyParsesAndNamesSlotGroups() {
        PairKey key = PairKey.parse("shop/orders");
        assertThat(key).isEqualTo(new PairKey("shop", "orders"));
        assertThat(key.groupId(SlotName.GREEN)).isEqualTo("shadowscale.shop.orders.green");
        assertThat(SlotName.parse("Blue").other()).isEqualTo(SlotName.GREEN);
    }

    @Test
    void rejectsBadPairKeysAndSlots() {
        assertThatThrownBy(() -> PairKey.parse("orders")).hasMessage("pair key 'orders' is not <namespace>/<name>");
        assertThatThrownBy(() -> new PairKey("Shop", "orders"))
                .hasMessage("namespace 'Shop' must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 "
                        + "characters)");
        assertThatThrownBy(() -> SlotName.parse("red")).hasMessage("slot 'red' is not one of: blue, green");
        assertThatThrownBy(() -> new ControlTopics("a", "a"))
                .hasMessage("the control and state topics must differ, both are 'a'");
    }
}
