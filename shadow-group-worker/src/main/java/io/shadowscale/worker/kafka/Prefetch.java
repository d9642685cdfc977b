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
 * here, unprocessed: a tail per partition covering the offsets {@code [from, next)}, trimmed as the
 * active group commits further and capped in records (a full tail is paused by the caller).
 *
 * <p>At the barrier, a partition whose barrier offset {@code b} lies inside its tail
 * ({@code from <= b <= next}) starts from memory: the held records from {@code b} on are processed
 * at once and the consumer goes on fetching from {@code next}, with no seek and no first fetch
 * inside the handoff. Any other partition is seeked to {@code b} as without read-ahead.
 *
 * <p>Nothing is lost or repeated: every record the consumer returned for a tailing partition
 * between {@code from} and {@code next} is held (offsets without records, such as transaction
 * markers, hold nothing), and trimming only drops records below an offset the active group
 * committed, which the barrier offset can never be below (commits only move forward, and the
 * fence commits the barrier offset itself).
 */
final class Prefetch {
    private final int capRecords;
    private final Map<TopicPartition, Tail> tails = new HashMap<>();

    /** A partition's held records and the offsets they cover. */
    private static final class Tail {
        final ArrayDeque<ConsumerRecord<byte[], byte[]>> records = new ArrayDeque<>();
        long from;
        long next;
        boolean full;

        Tail(long at) {
            from = at;
            next = at;
        }
    }

    /** @param capRecords most records held per partition; 0 turns read-ahead off */
    Prefetch(int capRecords) {
        if (capRecords < 0) {
            throw new IllegalArgumentException("capRecords must be >= 0, was " + capRecords);
        }
        this.capRecords = capRecords;
    }

    boolean enabled() {
        return capRecords > 0;
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

    /** Starts (or restarts, dropping what was held) the tail of {@code tp} at the consumer position {@code at}. */
    void start(TopicPartition tp, long at) {
        tails.put(tp, new Tail(at));
    }

    /**
     * Holds records the consumer returned for a tailing partition, in order.
     *
     * @return true when the tail is now full: the caller pauses the partition
     */
    boolean add(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
        Tail tail = tails.get(tp);
        if (tail == null || records.isEmpty()) {
            return false;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.offset() >= tail.next) {
                tail.records.addLast(r);
                tail.next = r.offset() + 1;
            }
        }
        tail.full = tail.records.size() >= capRecords;
        return tail.full;
    }

    /**
     * The active group committed {@code committed}: records below it can never be needed. (When the
     * tail is {@link #behind} that offset, the caller seeks and {@link #start}s it there instead.)
     *
     * @return true when the tail was full and now has room again: the caller resumes the partition
     */
    boolean trim(TopicPartition tp, long committed) {
        Tail tail = tails.get(tp);
        if (tail == null || committed <= tail.from) {
            return false;
        }
        while (!tail.records.isEmpty() && tail.records.peekFirst().offset() < committed) {
            tail.records.pollFirst();
        }
        tail.from = Math.min(committed, tail.next);
        boolean resume = tail.full && tail.records.size() < capRecords / 2;
        if (resume) {
            tail.full = false;
        }
        return resume;
    }

    /** True when the tail of {@code tp} has fallen behind offset {@code committed} (the caller seeks there). */
    boolean behind(TopicPartition tp, long committed) {
        Tail tail = tails.get(tp);
        return tail != null && tail.next < committed;
    }

    /**
     * Ends the tail of {@code tp} for a barrier at {@code offset}.
     *
     * @return the held records from {@code offset} on, to process before anything the consumer
     *     returns next, when the tail covers {@code offset}; null when it does not (the caller seeks)
     */
    List<ConsumerRecord<byte[], byte[]>> takeFrom(TopicPartition tp, long offset) {
        Tail tail = tails.remove(tp);
        if (tail == null || offset < tail.from || offset > tail.next) {
            return null;
        }
        List<ConsumerRecord<byte[], byte[]>> from = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : tail.records) {
            if (r.offset() >= offset) {
                from.add(r);
            }
        }
        return from;
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
