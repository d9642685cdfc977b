package io.shadowscale.scaler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntToDoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TrafficProfileTest {
    private static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");
    private static final int DAY = 86_400;

    /** One observation per slot at {@code rate(slot)} for {@code days} days from Monday 00:00, then one more. */
    private static TrafficProfile days(int days, IntToDoubleFunction rate) {
        TrafficProfile p = TrafficProfile.EMPTY;
        for (int slot = 0; slot < days * TrafficProfile.DAY_SLOTS; slot++) {
            p = p.observe(MONDAY.plusSeconds(slot * 300L), rate.applyAsDouble(slot));
        }
        return p.observe(MONDAY.plusSeconds(days * (long) DAY), rate.applyAsDouble(0));
    }

    @Test
    void foldsASlotsMeanOnceTheNextSlotIsObserved() {
        TrafficProfile p = TrafficProfile.EMPTY.observe(MONDAY, 10_000).observe(MONDAY.plusSeconds(240), 20_000);
        assertThat(p.observedSlots()).isZero();
        assertThat(p.slotSum()).isEqualTo(30_000);
        assertThat(p.slotCount()).isEqualTo(2);

        TrafficProfile next = p.observe(MONDAY.plusSeconds(300), 5_000);

        assertThat(next.daily()[0]).isEqualTo(15_000f);
        assertThat(next.weekly()[(int) Math.floorMod(MONDAY.getEpochSecond() / 300, 2016L)])
                .isEqualTo(15_000f);
        assertThat(next.observedSlots()).isEqualTo(2);
        assertThat(next.slot()).isEqualTo(MONDAY.getEpochSecond() / 300 + 1);
        assertThat(next.slotSum()).isEqualTo(5_000);
        assertThat(next.slotCount()).isEqualTo(1);
        assertThat(next.firstSeen()).isEqualTo(MONDAY);
    }

    @Test
    void takesAtMostOneObservationAMinuteIntoASlot() {
        TrafficProfile p = TrafficProfile.EMPTY.observe(MONDAY, 10_000);
        assertThat(p.observe(MONDAY.plusSeconds(5), 99_000)).isSameAs(p);
        assertThat(p.observe(MONDAY.plusSeconds(59), 99_000)).isSameAs(p);
        TrafficProfile second = p.observe(MONDAY.plusSeconds(60), 20_000);
        assertThat(second.slotCount()).isEqualTo(2);
        assertThat(second.slotSum()).isEqualTo(30_000);
        assertThat(second.observe(MONDAY.plusSeconds(119), 99_000)).isSameAs(second);
    }

    @Test
    void forecastsNothingBeforeAFullDayHasBeenObserved() {
        TrafficProfile p = TrafficProfile.EMPTY;
        for (int s = 0; s < DAY - 300; s += 300) {
            p = p.observe(MONDAY.plusSeconds(s), 1_000);
        }
        Instant almost = MONDAY.plusSeconds(DAY - 1);
        assertThat(p.hasDay(almost)).isFalse();
        assertThat(p.expected(almost.plusSeconds(60), almost)).isNaN();
        assertThat(p.peakAhead(almost, Duration.ofSeconds(60))).isNaN();
        assertThat(p.hasDay(MONDAY.plusSeconds(DAY))).isTrue();
        assertThat(p.expected(MONDAY.plusSeconds(DAY + 60), MONDAY.plusSeconds(DAY)))
                .isEqualTo(1_000);
    }

    @Test
    void theNewestDayWeighsHalf() {
        TrafficProfile p = days(2, slot -> slot < TrafficProfile.DAY_SLOTS ? 10_000 : 20_000);
        Instant wednesday = MONDAY.plusSeconds(2L * DAY);
        assertThat(p.expected(wednesday.plusSeconds(600), wednesday)).isEqualTo(15_000);
    }

    @Test
    void theWeeklyShapeTakesOverOnceAWeekHasBeenObserved() {
        // weekdays 50k/s, weekend days 10k/s
        TrafficProfile p = days(7, slot -> slot / TrafficProfile.DAY_SLOTS < 5 ? 50_000 : 10_000);
        Instant nextSaturday = MONDAY.plusSeconds(12L * DAY);
        Instant nextMonday = MONDAY.plusSeconds(7L * DAY);
        assertThat(p.expected(nextSaturday, nextMonday)).isEqualTo(10_000);
        assertThat(p.expected(nextMonday.plusSeconds(600), nextMonday)).isEqualTo(50_000);
        // after six days the daily shape (the newest days weighed most) answers for Saturday
        TrafficProfile six = days(6, slot -> slot / TrafficProfile.DAY_SLOTS < 5 ? 50_000 : 10_000);
        Instant sunday = MONDAY.plusSeconds(6L * DAY);
        assertThat(six.expected(sunday.plusSeconds(600), sunday)).isEqualTo(30_000);
    }

    @Test
    void peakAheadAndLowForReadTheSlotsAhead() {
        // a day of 20k/s with 100k/s from 10:00 to 10:15
        int rise = 10 * 12;
        TrafficProfile p = days(1, slot -> slot >= rise && slot < rise + 3 ? 100_000 : 20_000);
        Instant tuesday = MONDAY.plusSeconds(DAY);
        Instant before = tuesday.plusSeconds(rise * 300L - 50);
        assertThat(p.peakAhead(before, Duration.ofSeconds(30))).isEqualTo(20_000);
        assertThat(p.peakAhead(before, Duration.ofSeconds(60))).isEqualTo(100_000);
        assertThat(p.lowFor(tuesday.plusSeconds(9 * 3600), 30_000, Duration.ofHours(2)))
                .isEqualTo(Duration.ofHours(1));
        assertThat(p.lowFor(tuesday.plusSeconds(11 * 3600), 30_000, Duration.ofHours(1)))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theLevelFollowsTodaysRateOverTheForecastAFifthOfTheWayPerSample() {
        TrafficProfile p = days(1, slot -> 40_000);
        Instant tuesday = MONDAY.plusSeconds(DAY);
        assertThat(p.level()).isEqualTo(1.0);
        TrafficProfile half = p.observe(tuesday.plusSeconds(300), 20_000);
        assertThat(half.level()).isCloseTo(0.9, Offset.offset(1e-12));
        assertThat(half.observe(tuesday.plusSeconds(360), 20_000).level()).isCloseTo(0.82, Offset.offset(1e-12));
        // each ratio is bounded: 1k/s counts as 0.25, 400k/s as 2
        assertThat(p.observe(tuesday.plusSeconds(300), 1_000).level()).isCloseTo(0.85, Offset.offset(1e-12));
        assertThat(p.observe(tuesday.plusSeconds(300), 400_000).level()).isCloseTo(1.2, Offset.offset(1e-12));
        assertThat(TrafficProfile.EMPTY.observe(tuesday, 5_000).level()).isEqualTo(1.0);
    }

    @Test
    void rejectsAPersistedProfileOfTheWrongShape() {
        assertThatThrownBy(() -> TrafficProfile.of(null, -1, 0, 0, new float[3], new float[2016], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a profile has 288 daily and 2016 weekly slots, got 3 and 2016");
    }
}
