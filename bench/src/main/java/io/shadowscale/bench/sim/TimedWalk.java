package io.shadowscale.bench.sim;

/**
 * A walk that takes fixed times: the new slot warms for {@code warmupSeconds} while the old one
 * keeps processing (both are paid for), then the cutover costs {@code cutoverSeconds} of processing,
 * then the new size processes and the old slot is gone.
 */
public final class TimedWalk implements PairWalk {
    private final int warmupSeconds;
    private final double cutoverSeconds;
    private int active;
    private int target;
    private int cutoverAt = -1;

    public TimedWalk(int initialWorkers, int warmupSeconds, double cutoverSeconds) {
        if (warmupSeconds < 0 || cutoverSeconds < 0 || cutoverSeconds > 1) {
            throw new IllegalArgumentException("warm-up must be >= 0 s and cutover within [0, 1] s, were "
                    + warmupSeconds + " and " + cutoverSeconds);
        }
        this.active = initialWorkers;
        this.warmupSeconds = warmupSeconds;
        this.cutoverSeconds = cutoverSeconds;
    }

    @Override
    public void start(int second, int from, int to) {
        if (walking()) {
            throw new IllegalStateException("a walk to " + target + " is already under way");
        }
        if (from != active) {
            throw new IllegalArgumentException("walk from " + from + " but the pair runs " + active);
        }
        target = to;
        cutoverAt = second + warmupSeconds;
    }

    @Override
    public boolean walking() {
        return cutoverAt >= 0;
    }

    @Override
    public Step step(int second) {
        if (!walking() || second < cutoverAt) {
            return new Step(active, walking() ? active + target : active, 0, false);
        }
        int old = active;
        active = target;
        cutoverAt = -1;
        return new Step(active, old + active, cutoverSeconds, true);
    }
}
