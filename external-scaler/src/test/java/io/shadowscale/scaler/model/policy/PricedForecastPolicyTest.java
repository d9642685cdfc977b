package io.shadowscale.scaler.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.ScaleDecision;
import io.shadowscale.scaler.model.TrafficProfile;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The priced walk (bursts, shrinks worth their walk) and the forecast, on a fake clock. */
class PricedForecastPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final ThroughputPolicy POLICY = new ThroughputPolicy();
    private static final PolicySettings SETTINGS = new PolicySettings(
            12_000,
            1,
            0,
            0.2,
            Duration.ofSeconds(30),
            Duration.ofSeconds(15),
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            Duration.ofSeconds(10));

    private static Observation obs(long second, int replicas, double input, long lag) {
        return new Observation(T0.plusSeconds(second), 12, replicas, input, input, lag);
    }

    /** The decision on {@code SETTINGS} at T0 + {@code second}, from {@code memory}. */
    private static PolicyOutcome decide(PolicyMemory memory, long second, int replicas, double input, long lag) {
        return POLICY.decide(obs(second, replicas, input, lag), SETTINGS, memory);
    }

    /** A day before T0 of 20k/s, with 100k/s from 08:10 to 08:25, one observation per 5-minute slot. */
    private static PolicyMemory learnedDay() {
        TrafficProfile p = TrafficProfile.EMPTY;
        Instant dayBefore = T0.minus(Duration.ofDays(1));
        for (int s = 0; s < 86_400; s += 300) {
            boolean batch = s >= 600 && s < 1_500;
            p = p.observe(dayBefore.plusSeconds(s), batch ? 100_000 : 20_000);
        }
        return new PolicyMemory(0, 0, null, T0.minusSeconds(3_600), p);
    }

    @Test
    void holdsThroughABurstTheCurrentSizeAbsorbsAndGrowsOnceItLasts() {
        // 4 workers carry 48k/s; 45k/s with headroom wants 6, but the lag never nears the target
        PolicyOutcome burst = decide(PolicyMemory.INITIAL, 0, 4, 45_000, 225_000);
        assertThat(burst.decision())
                .isEqualTo(ScaleDecision.hold(
                        4,
                        "hold 4 through a burst (4 workers keep up with"
                                + " 3k/s to spare, the lag drains in 0s within the 30s target), grow to 6 if it lasts "
                                + "300s more: input"
                                + " 45k/s + backlog 0 (lag 225k less 5s in flight) drained in 30s needs 4.5 workers of "
                                + "12k/s with 20%"
                                + " headroom (6 to share 12 partitions evenly)"));
        PolicyOutcome still = decide(burst.memory(), 295, 4, 45_000, 225_000);
        assertThat(still.decision().resize()).isFalse();

        PolicyOutcome lasts = decide(still.memory(), 300, 4, 45_000, 225_000);
        assertThat(lasts.decision())
                .isEqualTo(ScaleDecision.resize(
                        6,
                        "grow 4->6: the higher need lasted 300s, no burst"
                                + " (4 workers keep up with 3k/s to spare, the lag drains in 0s within the 30s "
                                + "target): input 45k/s"
                                + " + backlog 0 (lag 225k less 5s in flight) drained in 30s needs 4.5 workers of 12k/s "
                                + "with 20%"
                                + " headroom (6 to share 12 partitions evenly)"));
    }

    @Test
    void growsAtOnceWhenWaitingForTheUpDelayWouldBreakTheLagTarget() {
        // 4 workers carry 48k/s of 100k/s: 15 s more plus a 15 s warm-up leave 1.56M records, 15.6 s of input
        PolicyOutcome calm = decide(PolicyMemory.INITIAL, 0, 4, 100_000, 500_000);
        assertThat(calm.decision().reason()).startsWith("hold 4, grow to 12 after 15s more: ");
        // a 10 s lag target: the same wait breaks it
        PolicySettings tight = new PolicySettings(
                12_000,
                1,
                0,
                0.2,
                Duration.ofSeconds(10),
                Duration.ofSeconds(15),
                Duration.ofMinutes(5),
                Duration.ofMinutes(2),
                Duration.ofSeconds(10));
        PolicyOutcome now = POLICY.decide(obs(0, 4, 100_000, 500_000), tight, PolicyMemory.INITIAL);
        assertThat(now.decision())
                .isEqualTo(ScaleDecision.resize(
                        12,
                        "grow 4->12 at once: waiting 15s more and a 15s"
                                + " warm-up would leave a backlog of 1.6M, 15.6s of input, over the 10s lag target: "
                                + "input 100k/s"
                                + " + backlog 0 (lag 500k less 5s in flight) drained in 10s needs 10.0 workers of "
                                + "12k/s with 20%"
                                + " headroom (12 to share 12 partitions evenly)"));
    }

    @Test
    void aShrinkWaitsUntilWhatItSavesOutweighsItsWalk() {
        // 27k/s: 3 workers keep the margin; 4 -> 3 saves 1 replica-s per s, a walk costs 3 x 15 + 4 x 2 = 53
        PolicyMemory justGrown = new PolicyMemory(12_000, 0, null, T0);
        PolicyOutcome first = decide(justGrown, 0, 4, 27_000, 0);
        PolicyOutcome delayOver = decide(first.memory(), 15, 4, 27_000, 0);
        assertThat(delayOver.decision())
                .isEqualTo(ScaleDecision.hold(
                        4,
                        "hold 4, shrink to 3 not worth a walk yet:"
                                + " saves 15 replica-s over 15s (as long as it lasted) against 53 for the "
                                + "walk: input 27k/s + backlog 0"
                                + " (lag 0 less 5s in flight) drained in 30s needs 2.7 workers of 12k/s with "
                                + "20% headroom"));
        assertThat(decide(delayOver.memory(), 50, 4, 27_000, 0).decision().resize())
                .isFalse();

        PolicyOutcome shrinks = decide(delayOver.memory(), 55, 4, 27_000, 0);
        assertThat(shrinks.decision())
                .isEqualTo(ScaleDecision.resize(
                        3,
                        "shrink 4->3 after 55s below (down delay 15s:"
                                + " 4 had been in place 15s), saves 55"
                                + " replica-s over 55s (as long as it lasted) against 53 for the walk: input 27k/s + "
                                + "backlog 0 (lag 0"
                                + " less 5s in flight) drained in 30s needs 2.7 workers of 12k/s with 20% headroom"));
    }

    @Test
    void growsAheadOfAForecastRise() {
        // 08:09:10: the 08:10 slot, 100k/s yesterday, is within the 60 s lead
        PolicyOutcome out = decide(learnedDay(), 550, 2, 20_000, 100_000);
        assertThat(out.decision())
                .isEqualTo(ScaleDecision.resize(
                        12,
                        "grow 2->12 ahead of the forecast: input 20k/s"
                                + " + backlog 0 (lag 100k less 5s in flight) drained in 30s needs 2.0 workers "
                                + "of 12k/s with 20% headroom;"
                                + " forecast 100k/s within 60s (profile x 1.00) needs 10.0 (12 to share 12 "
                                + "partitions evenly)"));
        // with the forecast off the same observation holds
        PolicyOutcome off = POLICY.decide(obs(550, 2, 20_000, 100_000), SETTINGS.withForecast(false), learnedDay());
        assertThat(off.decision())
                .isEqualTo(ScaleDecision.hold(
                        2,
                        "hold 2: input 20k/s + backlog 0 (lag 100k less"
                                + " 5s in flight) drained in 30s needs 2.0 workers of 12k/s with 20% headroom"));
    }

    @Test
    void theForecastNeverShrinksBelowWhatTheObservedRateNeeds() {
        // the forecast says 20k/s at 09:00 (the level moves a fifth of the way to 3, bounded to 2), but 60k/s arrive: 6
        // are kept
        PolicyOutcome out = decide(learnedDay(), 3_600, 12, 60_000, 300_000);
        assertThat(out.decision())
                .isEqualTo(ScaleDecision.hold(
                        12,
                        "hold 12, shrink to 6 after 15s more: input 60k/s + backlog 0 (lag 300k less"
                                + " 5s in flight) drained in 30s needs 6.0 workers of 12k/s with 20% headroom; "
                                + "forecast 24k/s within"
                                + " 60s (profile x 1.20) needs 2.4"));
    }

    @Test
    void shrinksSoonAfterAForecastFallWhenTheQuietHoursPayForTheWalk() {
        // 08:25: the batch is over and the forecast stays at 20k/s for the hour ahead
        PolicyMemory memory = learnedDay();
        PolicyOutcome first = decide(memory, 1_505, 12, 20_000, 100_000);
        assertThat(first.decision().reason()).startsWith("hold 12, shrink to 2 after 15s more: ");
        PolicyOutcome shrinks = decide(first.memory(), 1_520, 12, 20_000, 100_000);
        assertThat(shrinks.decision())
                .isEqualTo(ScaleDecision.resize(
                        2,
                        "shrink 12->2 after 15s below, saves 36k"
                                + " replica-s over 3.6ks (forecast) against 54 for the walk: input 20k/s + backlog 0 "
                                + "(lag 100k less 5s in"
                                + " flight) drained in 30s needs 2.0 workers of 12k/s with 20% headroom; forecast "
                                + "20k/s within 60s"
                                + " (profile x 1.00) needs 2.0"));
    }
}
