package io.shadowscale.bench.fault;

import java.util.List;

/**
 * What a soak measured.
 *
 * @param sent records handed to the producer
 * @param acked records the broker acknowledged
 * @param lost acknowledged records missing from the output although the groups committed past them
 * @param waiting acknowledged records missing from the output, not committed yet (the drain ended first)
 * @param duplicates extra sightings of records already in the output
 * @param walks every walk asked, in order
 * @param samples every resource sample, in time order
 * @param notes what happened, with the time since the start
 */
record SoakResult(
        long sent,
        long acked,
        long lost,
        long waiting,
        long duplicates,
        List<Walk> walks,
        List<ResourceSampler.Sample> samples,
        List<String> notes) {
    SoakResult {
        walks = List.copyOf(walks);
        samples = List.copyOf(samples);
        notes = List.copyOf(notes);
    }

    /** Every acknowledged record in the output exactly once. */
    boolean clean() {
        return lost == 0 && waiting == 0 && duplicates == 0;
    }

    /**
     * One walk.
     *
     * @param number 1, 2, ...
     * @param from workers before
     * @param to workers asked for
     * @param startSeconds when it was asked, seconds since the start
     * @param endSeconds when the pair was STEADY again on a new epoch; NaN while under way
     * @param outcome the pair afterwards ({@code STEADY green x3 (epoch 4)}), empty while under way
     */
    record Walk(int number, int from, int to, double startSeconds, double endSeconds, String outcome) {
        static Walk started(int number, int from, int to, double startSeconds) {
            return new Walk(number, from, to, startSeconds, Double.NaN, "");
        }

        boolean open() {
            return Double.isNaN(endSeconds);
        }

        Walk ended(double seconds, String pair) {
            return new Walk(number, from, to, startSeconds, seconds, pair);
        }

        /** {@code 2->3}. */
        String label() {
            return from + "\u2192" + to;
        }
    }
}
