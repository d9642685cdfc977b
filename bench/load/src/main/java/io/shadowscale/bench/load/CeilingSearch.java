package io.shadowscale.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the highest sustained rate with a bounded number of probes: double the rate from a start
 * until a probe fails (or halve it until one passes), then bisect between the last pass and the
 * first failure until they are within the precision or the probes are used up.
 */
public final class CeilingSearch {
    /** The most a probe asks for: beyond this the search stops doubling. */
    public static final int MAX_RATE = 2_000_000;

    /** One probe's verdict. */
    public record Probe(
            int rate,
            boolean sustained,
            double throughputMsgsPerS,
            long lagAtEnd,
            double productionElapsedS,
            String reason) {
        /**
         * Judges a probe run: sustained when the producer kept pace (sent everything within the
         * duration + 1 s), the lag when production ended was at most one second of traffic, and the
         * run completed.
         */
        public static Probe judge(int rate, int durationSeconds, ScenarioResult r) {
            String reason;
            if (r.error() != null && r.sent() == 0) {
                reason = r.error();
            } else if (r.productionElapsedS() > durationSeconds + 1.0) {
                reason = String.format(
                        "producer fell behind: %.1f s to send %d s of traffic",
                        r.productionElapsedS(), durationSeconds);
            } else if (r.lagAtEndOfProduction() > rate) {
                reason = "lag " + r.lagAtEndOfProduction() + " > 1 s of traffic (" + rate + ")";
            } else {
                reason = "sustained";
            }
            return new Probe(
                    rate,
                    reason.equals("sustained"),
                    r.throughputMsgsPerS(),
                    r.lagAtEndOfProduction(),
                    r.productionElapsedS(),
                    reason);
        }
    }

    /** The search's answer: the highest sustained rate (0 if none), the lowest failed (0 if none), every probe. */
    public record Outcome(int sustainedRate, int failedRate, List<Probe> probes) {
        public Outcome {
            probes = List.copyOf(probes);
        }
    }

    /** Runs one probe at a rate. */
    @FunctionalInterface
    public interface Prober {
        Probe probe(int rate) throws Exception;
    }

    private CeilingSearch() {}

    public static Outcome find(int startRate, int maxProbes, double precision, Prober prober) throws Exception {
        List<Probe> probes = new ArrayList<>();
        int pass = 0;
        int fail = 0;
        int rate = startRate;
        while (probes.size() < maxProbes) {
            Probe p = prober.probe(rate);
            probes.add(p);
            if (p.sustained()) {
                pass = rate;
                if (fail > 0) {
                    break;
                }
                if (rate >= MAX_RATE) {
                    return new Outcome(pass, 0, probes);
                }
                rate = Math.min(MAX_RATE, rate * 2);
            } else {
                fail = rate;
                if (pass > 0 || rate <= 1) {
                    break;
                }
                rate = Math.max(1, rate / 2);
            }
        }
        while (probes.size() < maxProbes && pass > 0 && fail > 0 && (double) (fail - pass) / pass > precision) {
            int mid = pass + (fail - pass) / 2;
            Probe p = prober.probe(mid);
            probes.add(p);
            if (p.sustained()) {
                pass = mid;
            } else {
                fail = mid;
            }
        }
        return new Outcome(pass, fail, probes);
    }
}
