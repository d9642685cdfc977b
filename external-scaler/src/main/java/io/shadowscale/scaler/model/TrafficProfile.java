package io.shadowscale.scaler.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The traffic's daily and weekly shape as a pair has observed it: the mean input rate of each
 * {@value #SLOT_SECONDS}-second slot of the day and of the week, each a moving average over the
 * days (or weeks) seen, the newest weighing {@value #NEWEST_PERCENT}%. Observations of the slot
 * under way (at most one a minute) are summed and folded in when a later slot is observed. Immutable; persisted with
 * the pair state, so a restarted controller keeps what it learned.
 *
 * <p>A forecast for an instant is the weekly slot's value once a week has been observed, else the
 * daily slot's once a day has been observed, else unknown ({@code NaN}). Slots are counted from
 * the Unix epoch in UTC.
 */
public final class TrafficProfile {
    /**
     * A slot takes at most one observation per this many seconds (its k-th from {@code k} times
     * this into the slot), so the profile, persisted with the pair state, changes at most once a
     * minute.
     */
    public static final int SAMPLE_SECONDS = 60;
    /** Length of one slot, seconds. */
    public static final int SLOT_SECONDS = 300;

    public static final int DAY_SLOTS = 86_400 / SLOT_SECONDS;
    public static final int WEEK_SLOTS = 7 * DAY_SLOTS;
    /** Weight of the newest day (or week) in a slot's average, percent. */
    public static final int NEWEST_PERCENT = 50;
    /** Weight of each sample in {@link #level()}, percent. */
    public static final int LEVEL_PERCENT = 20;
    /** Bounds of {@link #level()}. */
    public static final double LEVEL_MIN = 0.25;

    public static final double LEVEL_MAX = 2;
    /** Value of a slot never observed. */
    public static final float UNSET = -1;

    public static final TrafficProfile EMPTY =
            new TrafficProfile(null, -1, 0, 0, unset(DAY_SLOTS), unset(WEEK_SLOTS), 1);

    private final Instant firstSeen;
    private final long slot;
    private final double slotSum;
    private final int slotCount;
    private final float[] daily;
    private final float[] weekly;
    private final double level;

    private TrafficProfile(
            Instant firstSeen, long slot, double slotSum, int slotCount, float[] daily, float[] weekly, double level) {
        this.level = level;
        this.firstSeen = firstSeen;
        this.slot = slot;
        this.slotSum = slotSum;
        this.slotCount = slotCount;
        this.daily = daily;
        this.weekly = weekly;
    }

    /**
     * A profile as persisted.
     *
     * @param firstSeen the first observation (null: none yet)
     * @param slot the slot under way, counted from the epoch (-1: none)
     * @param slotSum sum of the input rates observed in it
     * @param slotCount how many observations that sum holds
     * @param daily {@value #DAY_SLOTS} slot averages ({@link #UNSET} where never observed)
     * @param weekly {@value #WEEK_SLOTS} slot averages
     * @param level see {@link #level()}
     */
    public static TrafficProfile of(
            Instant firstSeen, long slot, double slotSum, int slotCount, float[] daily, float[] weekly, double level) {
        if (daily.length != DAY_SLOTS || weekly.length != WEEK_SLOTS) {
            throw new IllegalArgumentException("a profile has " + DAY_SLOTS + " daily and " + WEEK_SLOTS
                    + " weekly slots, got " + daily.length + " and " + weekly.length);
        }
        if (slotCount < 0 || slotSum < 0) {
            throw new IllegalArgumentException(
                    "slot sum and count must be >= 0, were " + slotSum + " and " + slotCount);
        }
        if (!(level >= LEVEL_MIN && level <= LEVEL_MAX)) {
            throw new IllegalArgumentException(
                    "level must be within [" + LEVEL_MIN + ", " + LEVEL_MAX + "], was " + level);
        }
        return new TrafficProfile(firstSeen, slot, slotSum, slotCount, daily.clone(), weekly.clone(), level);
    }

    /** This profile after seeing {@code rate} records/s at {@code at}. */
    public TrafficProfile observe(Instant at, double rate) {
        Objects.requireNonNull(at, "at");
        long s = slotOf(at);
        Instant first = firstSeen == null ? at : firstSeen;
        if (s == slot && at.getEpochSecond() < s * SLOT_SECONDS + (long) slotCount * SAMPLE_SECONDS) {
            return this; // this slot's sample for the current minute is taken
        }
        double e = expected(at, at);
        double next = Double.isNaN(e) || e <= 0
                ? level
                : level + (Math.max(LEVEL_MIN, Math.min(LEVEL_MAX, rate / e)) - level) * LEVEL_PERCENT / 100.0;
        if (s == slot || slot < 0) {
            return new TrafficProfile(
                    first, s, (s == slot ? slotSum : 0) + rate, (s == slot ? slotCount : 0) + 1, daily, weekly, next);
        }
        if (s < slot) {
            return this; // a clock that went back: keep the slot under way
        }
        float[] d = daily.clone();
        float[] w = weekly.clone();
        if (slotCount > 0) {
            float mean = (float) (slotSum / slotCount);
            fold(d, (int) Math.floorMod(slot, (long) DAY_SLOTS), mean);
            fold(w, (int) Math.floorMod(slot, (long) WEEK_SLOTS), mean);
        }
        return new TrafficProfile(first, s, rate, 1, d, w, next);
    }

    /** Whether a full day has been observed by {@code now}: only then is there a forecast. */
    public boolean hasDay(Instant now) {
        return firstSeen != null
                && !Duration.between(firstSeen, now).minusDays(1).isNegative();
    }

    /** The forecast mean input rate of the slot holding {@code at}, records/s, or NaN when unknown. */
    public double expected(Instant at, Instant now) {
        long s = slotOf(at);
        if (firstSeen != null && !Duration.between(firstSeen, now).minusDays(7).isNegative()) {
            float w = weekly[(int) Math.floorMod(s, (long) WEEK_SLOTS)];
            if (w != UNSET) {
                return w;
            }
        }
        if (!hasDay(now)) {
            return Double.NaN;
        }
        float d = daily[(int) Math.floorMod(s, (long) DAY_SLOTS)];
        return d == UNSET ? Double.NaN : d;
    }

    /**
     * How today's traffic compares with the profile: a moving average (each sample moving it
     * {@value #LEVEL_PERCENT}% of the way) of each sample's rate over the forecast of its slot, each
     * ratio within [{@value #LEVEL_MIN}, {@value #LEVEL_MAX}]; 1 until there is a forecast. The
     * forecast is read as a shape scaled by this level, so a quieter day (a weekend day forecast
     * from weekdays, a day of lower volume) is not sized like the days it learned from, while a
     * rise inside one slot moves it only a little.
     */
    public double level() {
        return level;
    }

    /** The highest forecast rate of the slots from {@code now} to {@code now + lead}; NaN if any is unknown. */
    public double peakAhead(Instant now, Duration lead) {
        double peak = 0;
        for (Instant t = now; !t.isAfter(now.plus(lead)); t = t.plusSeconds(SLOT_SECONDS)) {
            double e = expected(t, now);
            if (Double.isNaN(e)) {
                return Double.NaN;
            }
            peak = Math.max(peak, e);
        }
        double end = expected(now.plus(lead), now);
        return Double.isNaN(end) ? Double.NaN : Math.max(peak, end);
    }

    /**
     * How long from {@code now} the forecast stays at or below {@code rate}, at most {@code most}:
     * until the start of the first later slot forecast above it (or unknown). The slot under way
     * counts as low: the caller has just observed it.
     */
    public Duration lowFor(Instant now, double rate, Duration most) {
        long s = slotOf(now);
        Instant limit = now.plus(most);
        for (long next = s + 1; ; next++) {
            Instant start = Instant.ofEpochSecond(next * SLOT_SECONDS);
            if (!start.isBefore(limit)) {
                return most;
            }
            double e = expected(start, now);
            if (Double.isNaN(e) || e > rate) {
                return Duration.between(now, start);
            }
        }
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public long slot() {
        return slot;
    }

    public double slotSum() {
        return slotSum;
    }

    public int slotCount() {
        return slotCount;
    }

    public float[] daily() {
        return daily.clone();
    }

    public float[] weekly() {
        return weekly.clone();
    }

    /** Slots (daily, weekly) that hold an observed value. */
    public int observedSlots() {
        int n = 0;
        for (float v : daily) {
            n += v == UNSET ? 0 : 1;
        }
        for (float v : weekly) {
            n += v == UNSET ? 0 : 1;
        }
        return n;
    }

    private static void fold(float[] slots, int index, float mean) {
        float old = slots[index];
        slots[index] = old == UNSET ? mean : old + (mean - old) * NEWEST_PERCENT / 100f;
    }

    private static long slotOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), SLOT_SECONDS);
    }

    private static float[] unset(int n) {
        float[] a = new float[n];
        Arrays.fill(a, UNSET);
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficProfile p
                && Objects.equals(firstSeen, p.firstSeen)
                && slot == p.slot
                && Double.compare(slotSum, p.slotSum) == 0
                && slotCount == p.slotCount
                && Arrays.equals(daily, p.daily)
                && Arrays.equals(weekly, p.weekly)
                && Double.compare(level, p.level) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                firstSeen, slot, slotSum, slotCount, Arrays.hashCode(daily), Arrays.hashCode(weekly), level);
    }

    @Override
    public String toString() {
        return "TrafficProfile[firstSeen=" + firstSeen + ", slot=" + slot + ", slotSum=" + slotSum + ", slotCount="
                + slotCount + ", observedSlots=" + observedSlots() + ", level=" + level + "]";
    }
}
