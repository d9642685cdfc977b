package io.shadowscale.demo;

import java.util.Locale;

/**
 * What the demo saw in one second.
 *
 * @param t seconds since the start of the day
 * @param asked the rate the day curve asks for at {@code t}, records/s
 * @param inputRate records/s that reached the input topic (log-end offsets)
 * @param outputRate records/s that reached the output topic (log-end offsets)
 * @param blue running blue workers
 * @param green running green workers
 * @param lag records in the input topic not processed yet
 * @param phase the pair's phase
 * @param p50Ms end-to-end latency median of the records processed in that second, ms (-1: none)
 * @param p99Ms 99th percentile, ms (-1: none)
 * @param maxMs maximum, ms (-1: none)
 */
public record Second(
        double t,
        double asked,
        double inputRate,
        double outputRate,
        int blue,
        int green,
        long lag,
        String phase,
        double p50Ms,
        double p99Ms,
        double maxMs) {
    static final String CSV_HEADER =
            "t_s,asked_per_s,input_per_s,output_per_s,blue,green,lag,phase,p50_ms,p99_ms,max_ms";

    String csv() {
        return String.format(
                Locale.ROOT,
                "%.1f,%.0f,%.0f,%.0f,%d,%d,%d,%s,%.1f,%.1f,%.1f",
                t,
                asked,
                inputRate,
                outputRate,
                blue,
                green,
                lag,
                phase,
                p50Ms,
                p99Ms,
                maxMs);
    }
}
