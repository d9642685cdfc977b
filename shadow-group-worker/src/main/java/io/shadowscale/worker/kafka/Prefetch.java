package io.shadowscale.worker.kafka;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A SHADOW worker's read-ahead (poll thread only). Once its slot group is stable, the worker
 * resumes each of its partitions at the active group's committed offset and keeps what it fetches
 * here, unprocessed: a window per partition covering the offsets {@code [from, next)}. The window
 * slides: once it holds {@code capRecords} records it drops its oldest as new ones arrive, so it
 * stays at the end of the log, where the barrier will be (the old owners stop within a poll of
 * the end). The worker says ready only once its read-ahead is near the log end (or after
 * {@link ConsumerLoop#READ_AHEAD_CATCH_UP_LIMIT}).
 *
 * <p>At the barrier, a partition's barrier offset {@code b} decides how it starts
 * ({@link #takeFrom}):
 * <ul>
 *   <li>{@code from <= b <= next}: from memory. The held records from {@code b} on are processed
 *       at once and the consumer goes on fetching from {@code next}, with no seek and no first
 *       fetch inside the handoff.</li>
 *   <li>{@code next < b <= next + capRecords}: the window is just behind (the shadow fetched less
 *       than the old owners processed). The consumer goes on from {@code next} and the caller drops
 *       what it returns below {@code b}: cheaper than a seek, which throws away the fetch in flight.</li>
 *   <li>anything else: the caller seeks to {@code b}, as without read-ahead.</li>
 * </ul>
 *
 * <p>Nothing is lost or repeated: every record the consumer returned for a tailing partition
 * between {@code from} and {@code next} is held (offsets without records, such as transaction
 * markers, hold nothing), and records are only dropped below {@code from}, which a barrier below
 * it turns into a seek.
 */
final class Prefetch {
    private final int capRecords;
    private final boolean readAhead;
    private final Map<TopicPartition, Tail> tails = new HashMap<>();

    /** A partition's held records and the offsets they cover. */
    private static final class Tail {
        final ArrayDeque<ConsumerRecord<byte[], byte[]>> records = new ArrayDeque<>();
        /**
         * Holding from a planned offset: keeps the oldest records (the start is near {@code from}) instead of sliding.
         */
        final boolean fixed;

        long from;
        long next;

        Tail(long at, boolean fixed) {
            this.fixed = fixed;
            from = at;
            next = at;
        }
    }

    /**
     * How a partition starts at its barrier offset.
     *
     * @param held records from the barrier offset on, to process before anything the consumer
     *     returns next (empty when nothing is held there)
     * @param seek true when the caller must seek to the barrier offset ({@code held} is empty)
     */
    record Start(List<ConsumerRecord<byte[], byte[]>> held, boolean seek) {
        static final Start SEEK = new Start(List.of(), true);
    }

    /**
     * @param capRecords most records held per partition; 0 turns the SHADOW read-ahead off (a planned hold keeps at
     * least one)
     */
    Prefetch(int capRecords) {
        this(capRecords, capRecords > 0);
    }

    /**
     * @param capRecords most records held per partition (a planned hold keeps at least one)
     * @param readAhead whether a SHADOW worker reads ahead from the active group's offsets
     */
    Prefetch(int capRecords, boolean readAhead) {
        if (capRecords < 0) {
            throw new IllegalArgumentException("capRecords must be >= 0, was " + capRecords);
        }
        this.capRecords = capRecords;
        this.readAhead = readAhead && capRecords > 0;
    }

    /** Whether a SHADOW worker of the fence/barrier walk reads ahead. */
    boolean enabled() {
        return readAhead;
    }

    boolean any() {
        return !tails.isEmpty();
    }

    boolean tailing(TopicPartition tp) {
        return tails.containsKey(tp);
    }

    Set<TopicPartition> partitions() {
        return Set.copyOf(tails.keySet());
    }

    /**
     * Starts (or restarts, dropping what was held) the sliding tail of {@code tp} at the consumer position {@code at}.
     */
    void start(TopicPartition tp, long at) {
        tails.put(tp, new Tail(at, false));
    }

    /**
     * Starts holding {@code tp} from a planned handoff offset {@code at}: the window keeps its
     * oldest records and stops growing once full ({@link #add} then says where fetching must go on
     * later), since the release that starts the partition names an offset at or just after {@code at}.
     */
    void hold(TopicPartition tp, long at) {
        tails.put(tp, new Tail(at, true));
    }

    /**
     * Holds records the consumer returned for a tailing partition, in order. A sliding tail drops
     * its oldest beyond the cap; a fixed one keeps the first {@code capRecords} and drops the rest.
     *
     * @return for a fixed tail that is full, the offset of the first record not held (the caller
     *     seeks back there and pauses the partition); -1 otherwise
     */
    long add(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
        Tail tail = tails.get(tp);
        if (tail == null) {
            return -1;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.offset() < tail.next) {
                continue;
            }
            if (tail.fixed && tail.records.size() >= Math.max(1, capRecords)) {
                return r.offset();
            }
            tail.records.addLast(r);
            tail.next = r.offset() + 1;
        }
        while (!tail.fixed && tail.records.size() > capRecords) {
            tail.from = tail.records.pollFirst().offset() + 1;
        }
        return -1;
    }

    /** Ends the tail of {@code tp} for a barrier at {@code offset}: how the partition starts there. */
    Start takeFrom(TopicPartition tp, long offset) {
        Tail tail = tails.remove(tp);
        if (tail == null || offset < tail.from || offset - tail.next > capRecords) {
            return Start.SEEK;
        }
        List<ConsumerRecord<byte[], byte[]>> from = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : tail.records) {
            if (r.offset() >= offset) {
                from.add(r);
            }
        }
        return new Start(from, false);
    }

    /** Forgets the tail of {@code tp} (revoked, or not named by the barrier). */
    void stop(TopicPartition tp) {
        tails.remove(tp);
    }

    void clear() {
        tails.clear();
    }

    /** Records held over every partition (for metrics and tests). */
    int held() {
        return tails.values().stream().mapToInt(t -> t.records.size()).sum();
    }
}
