package io.shadowscale.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's settings, parsed and validated by {@link LoadOptions}. Times are seconds after the
 * start of production.
 */
public record LoadSettings(
        int rate,
        int durationSeconds,
        int recordSize,
        int partitions,
        int costMicros,
        int members,
        int scaleTo,
        int scaleUpAt,
        int scaleDownAt,
        int producerThreads,
        String acks,
        int drainTimeoutSeconds,
        List<String> scenarios,
        Path out,
        int probeDurationSeconds,
        int probeStartRate,
        int probeMax,
        double probePrecision,
        int eventWindowSeconds,
        int warmupSeconds,
        int fetchMinBytes,
        int fetchMaxWaitMs,
        int walks,
        int walkEverySeconds,
        String handoff,
        int groupHeartbeatMs,
        String processor) {
    public LoadSettings {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * The seconds of the scale events and the member counts they go to: with {@code walks} > 0, that
     * many events every {@code walkEverySeconds} from {@code scaleUpAt}, alternating up and down;
     * otherwise one up at {@code scaleUpAt} and one down at {@code scaleDownAt}.
     */
    public List<int[]> events() {
        List<int[]> all = new ArrayList<>();
        if (walks > 0) {
            for (int k = 0; k < walks; k++) {
                all.add(new int[] {
                    scaleUpAt + k * walkEverySeconds, k % 2 == 0 ? members : scaleTo, k % 2 == 0 ? scaleTo : members
                });
            }
        } else {
            all.add(new int[] {scaleUpAt, members, scaleTo});
            all.add(new int[] {scaleDownAt, scaleTo, members});
        }
        return all;
    }

    /**
     * The consumer properties every scenario's consumers get (plain members, share members and the
     * Shadowscale workers alike), so that each pipeline fetches the same way.
     */
    public Map<String, Object> consumerOverrides() {
        return Map.of(
                "fetch.min.bytes",
                Integer.toString(fetchMinBytes),
                "fetch.max.wait.ms",
                Integer.toString(fetchMaxWaitMs));
    }
}
