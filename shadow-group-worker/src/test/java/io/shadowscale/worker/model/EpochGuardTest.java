package io.shadowscale.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EpochGuardTest {
    @Test
    void olderEpochIsRefusedNewerAndEqualAdmitted() {
        EpochGuard guard = EpochGuard.initial().observe(5);
        assertThat(guard.admits(4)).isFalse();
        assertThat(guard.admits(5)).isTrue();
        assertThat(guard.admits(6)).isTrue();
    }

    @Test
    void observingAnOlderEpochKeepsTheNewest() {
        assertThat(EpochGuard.initial().observe(7).observe(3)).isEqualTo(new EpochGuard(7));
    }
}
