package io.shadowscale.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayloadTest {
    @Test
    void carriesSequenceAndSendTimeInARecordOfTheGivenSize() {
        byte[] value = Payload.encode(123_456_789L, 1_700_000_000_123_456L, 200);

        assertThat(value).hasSize(200);
        assertThat(Payload.sequence(value)).isEqualTo(123_456_789L);
        assertThat(Payload.sendEpochMicros(value)).isEqualTo(1_700_000_000_123_456L);
    }

    @Test
    void writesBigEndianSequenceThenSendTimeThenZeroPadding() {
        byte[] value = Payload.encode(1, 2, 20);

        assertThat(value).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0);
    }

    @Test
    void rejectsARecordSizeBelowTheHeader() {
        assertThatThrownBy(() -> Payload.encode(1, 2, 15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record size 15 is below the 16-byte header");
    }

    @Test
    void rejectsAValueTooShortToBeAPayload() {
        assertThatThrownBy(() -> Payload.sequence(new byte[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a load payload: 8 bytes");
    }
}
