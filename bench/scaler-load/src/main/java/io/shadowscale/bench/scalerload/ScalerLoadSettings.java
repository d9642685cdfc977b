package io.shadowscale.bench.scalerload;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code bench scaler-load} invocation: every (pairs, partitions) combination is one point,
 * run with a fresh broker and a fresh scaler.
 *
 * @param pairs pair counts to run (each pair is two ScaledObjects)
 * @param partitions partitions per topic to run
 * @param topicMode {@code per-pair} (each pair its own topic) or {@code shared} ({@code sharedTopics}
 *     topics, pair i reads topic i mod sharedTopics)
 * @param sharedTopics topics in {@code shared} mode
 * @param durationSeconds measured seconds per point, once every pair is STEADY
 * @param settleTimeoutSeconds longest wait for every pair to be STEADY before measuring anyway
 * @param pollingIntervalSeconds KEDA's pollingInterval: IsActive + GetMetrics per ScaledObject
 * @param hpaIntervalSeconds the HPA's sync period: GetMetrics + IsActive per active ScaledObject; 0 = off
 * @param clientThreads the KEDA stand-in's bounded pool of blocking callers
 * @param streams open one StreamIsActive per ScaledObject, as {@code external-push} triggers do
 * @param rpcDeadlineSeconds deadline of each unary call
 * @param out report directory
 */
public record ScalerLoadSettings(
        List<Integer> pairs,
        List<Integer> partitions,
        String topicMode,
        int sharedTopics,
        int durationSeconds,
        int settleTimeoutSeconds,
        int pollingIntervalSeconds,
        int hpaIntervalSeconds,
        int clientThreads,
        boolean streams,
        int rpcDeadlineSeconds,
        Path out) {
    public static final String PER_PAIR = "per-pair";
    public static final String SHARED = "shared";

    public ScalerLoadSettings {
        pairs = List.copyOf(pairs);
        partitions = List.copyOf(partitions);
    }

    /** The points of the sweep, pairs varying fastest within each partition count. */
    public List<Point> points() {
        return partitions.stream()
                .flatMap(p -> pairs.stream().map(n -> new Point(n, p)))
                .toList();
    }

    /** The longest one point may take: topics, settle, measurement and shutdown. */
    public int boundSecondsPerPoint() {
        return settleTimeoutSeconds + durationSeconds + 120;
    }

    /** One point of the sweep. */
    public record Point(int pairs, int partitions) {
        @Override
        public String toString() {
            return pairs + " pairs x " + partitions + " partitions";
        }
    }
}
