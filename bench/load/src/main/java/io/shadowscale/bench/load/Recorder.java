package io.shadowscale.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Everything a run measures, fed by the producer ({@link #acked}) and the consumer side (as the
 * {@link RecordSink}): per-second input and output counts, per-second end-to-end latency
 * histograms (send time in the payload to processing done), sequence numbers seen (duplicates,
 * losses) and per-partition processing gaps.
 *
 * <p>A partition's gap is the time it sat with a waiting record and processed nothing: for each
 * processed record, {@code processedAt - max(previous record processed on that partition, this
 * record's send time)}. Time when the producer sent nothing to the partition is not counted, so
 * a quiet partition is not a stalled one; a partition whose owner is rebalancing is.
 */
public final class Recorder implements RecordSink {
    static final long HIGHEST_MICROS = 3_600_000_000L;

    private final RunClock clock;
    private final int maxSeconds;
    private final BitSet acked = new BitSet();
    private final BitSet seen = new BitSet();
    private final long[] inPerSecond;
    private final long[] outPerSecond;
    private final Histogram[] latency;
    private final long[] lastProcessedNanos;
    private final long[] maxGapNanos;
    private final long[] gapPerSecond;
    /** Per partition and second: the longest gap of that partition that ended in that second. */
    private final long[][] gapByPartitionSecond;

    private final int[] replicas;
    private final List<ScaleEvent> events = new ArrayList<>();
    private long startNanos;
    private long ackedCount;
    private long processedCount;
    private long duplicates;

    /** A scale event at {@code atSeconds} after the start of production. */
    public record ScaleEvent(double atSeconds, int fromMembers, int toMembers) {
        public String label() {
            return "scale " + fromMembers + "->" + toMembers;
        }
    }

    public Recorder(RunClock clock, int partitions, int maxSeconds) {
        this.clock = clock;
        this.maxSeconds = maxSeconds;
        this.inPerSecond = new long[maxSeconds];
        this.outPerSecond = new long[maxSeconds];
        this.latency = new Histogram[maxSeconds];
        this.replicas = new int[maxSeconds];
        this.lastProcessedNanos = new long[partitions];
        this.maxGapNanos = new long[partitions];
        this.gapPerSecond = new long[maxSeconds];
        this.gapByPartitionSecond = new long[partitions][maxSeconds];
        Arrays.fill(lastProcessedNanos, Long.MIN_VALUE);
        Arrays.fill(replicas, -1);
        this.startNanos = clock.nanos();
    }

    /** Second 0 starts now: call when the producer starts. */
    public synchronized void start() {
        startNanos = clock.nanos();
    }

    public RunClock clock() {
        return clock;
    }

    /** Seconds since {@link #start()}. */
    public double elapsedSeconds() {
        return (clock.nanos() - startNanos) / 1e9;
    }

    /** The producer's acknowledgement of a sequence number sent at {@code sendEpochMicros}. */
    public synchronized void acked(long sequence, long sendEpochMicros) {
        acked.set(Math.toIntExact(sequence));
        ackedCount++;
        inPerSecond[second(nanosOf(sendEpochMicros))]++;
    }

    @Override
    public synchronized void record(int partition, long offset, byte[] value, long processedAtNanos) {
        int sequence = Math.toIntExact(Payload.sequence(value));
        long sendMicros = Payload.sendEpochMicros(value);
        if (seen.get(sequence)) {
            duplicates++;
        } else {
            seen.set(sequence);
        }
        processedCount++;
        int s = second(processedAtNanos);
        outPerSecond[s]++;
        Histogram h = latency[s];
        if (h == null) {
            h = new Histogram(HIGHEST_MICROS, 3);
            latency[s] = h;
        }
        long latencyMicros = clock.epochMicros(processedAtNanos) - sendMicros;
        h.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, latencyMicros)));
        if (partition >= 0 && partition < lastProcessedNanos.length) {
            long waitingSince = Math.max(lastProcessedNanos[partition], nanosOf(sendMicros));
            long gap = processedAtNanos - waitingSince;
            maxGapNanos[partition] = Math.max(maxGapNanos[partition], gap);
            gapPerSecond[s] = Math.max(gapPerSecond[s], gap);
            gapByPartitionSecond[partition][s] = Math.max(gapByPartitionSecond[partition][s], gap);
            lastProcessedNanos[partition] = Math.max(lastProcessedNanos[partition], processedAtNanos);
        }
    }

    /** The consumer side's member count now (sampled once a second by the runner). */
    public synchronized void replicas(int members) {
        replicas[second(clock.nanos())] = members;
    }

    public synchronized void event(int from, int to) {
        events.add(new ScaleEvent(elapsedSeconds(), from, to));
    }

    public synchronized long ackedCount() {
        return ackedCount;
    }

    public synchronized long distinctSeen() {
        return seen.cardinality();
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    /** Acknowledged sequence numbers never seen. */
    public synchronized long lost() {
        BitSet missing = (BitSet) acked.clone();
        missing.andNot(seen);
        return missing.cardinality();
    }

    /** Records acknowledged but not yet processed (distinct). */
    public synchronized long lag() {
        return ackedCount - seen.cardinality();
    }

    public synchronized long processedCount() {
        return processedCount;
    }

    public synchronized long maxPartitionGapNanos() {
        return Arrays.stream(maxGapNanos).max().orElse(0);
    }

    public synchronized List<ScaleEvent> events() {
        return List.copyOf(events);
    }

    /** Per-second series up to (not including) {@code seconds}: copies. */
    public synchronized Series series(int seconds) {
        int n = Math.min(seconds, maxSeconds);
        Histogram[] copies = new Histogram[n];
        for (int i = 0; i < n; i++) {
            copies[i] = latency[i] == null ? null : latency[i].copy();
        }
        return new Series(
                Arrays.copyOf(inPerSecond, n),
                Arrays.copyOf(outPerSecond, n),
                copies,
                Arrays.copyOf(replicas, n),
                Arrays.copyOf(gapPerSecond, n));
    }

    /** Per partition, the longest gap that ended in each of the first {@code seconds} seconds: copies. */
    public synchronized long[][] gapsByPartition(int seconds) {
        int n = Math.min(seconds, maxSeconds);
        long[][] copy = new long[gapByPartitionSecond.length][];
        for (int p = 0; p < copy.length; p++) {
            copy[p] = Arrays.copyOf(gapByPartitionSecond[p], n);
        }
        return copy;
    }

    /** The p99 latency (ms) of the second before the current one, NaN if nothing was processed. */
    public synchronized double lastSecondP99Millis() {
        int s = second(clock.nanos()) - 1;
        return s < 0 || latency[s] == null ? Double.NaN : latency[s].getValueAtPercentile(99) / 1000.0;
    }

    public synchronized long lastSecondOut() {
        int s = second(clock.nanos()) - 1;
        return s < 0 ? 0 : outPerSecond[s];
    }

    /**
     * Per-second counts and latency histograms; index = second since start. {@code maxGapNanos}:
     * the longest partition gap that ended in that second (by the record that ended it).
     */
    public record Series(long[] in, long[] out, Histogram[] latency, int[] replicas, long[] maxGapNanos) {}

    private long nanosOf(long epochMicros) {
        return clock.anchorNanos() + (epochMicros - clock.anchorEpochMicros()) * 1000L;
    }

    private int second(long nanos) {
        long s = (nanos - startNanos) / 1_000_000_000L;
        return (int) Math.max(0, Math.min(maxSeconds - 1, s));
    }
}
