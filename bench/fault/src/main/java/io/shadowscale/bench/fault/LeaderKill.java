package io.shadowscale.bench.fault;

import static io.shadowscale.bench.fault.Waits.require;

import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code leader-kill} fault: the scaler replica holding the Lease is SIGKILLed the moment its
 * first cutover command (Fence or Handoff) of the walk is on the control topic; the standby has to
 * take the Lease, resume the walk from the state topic and finish it. Measured from the kill
 * ({@link #figures()}): when the harness saw the standby's name on the Lease, and when the first
 * command of the new leader (an epoch above the killed leader's cutover command) was on the
 * control topic.
 */
final class LeaderKill {
    static final String LEASE_TAKEN = "lease_taken_ms";
    static final String FIRST_COMMAND = "first_command_ms";

    private final ElectedScalers scalers;
    private final Consumer<String> note;
    private volatile long killNanos;
    private volatile long killedEpoch = -1;
    private volatile String killed = "";
    private volatile long firstCommandNanos;

    LeaderKill(ScalerService scaler, Consumer<String> note) {
        if (!(scaler instanceof ElectedScalers elected)) {
            throw new IllegalStateException("leader-kill needs two scaler replicas on a Lease, got " + scaler);
        }
        this.scalers = elected;
        this.note = note;
    }

    /** Kills the leader at the first cutover command seen on {@code tail}; watches for the next leader's commands. */
    void arm(ControlTail tail) {
        tail.watch(this::onCommand);
    }

    private void onCommand(ControlEnvelope envelope) {
        Command.KindCase kind = envelope.getCommand().getKindCase();
        if (killNanos == 0 && (kind == Command.KindCase.FENCE || kind == Command.KindCase.HANDOFF)) {
            killedEpoch = envelope.getEpoch();
            long at = System.nanoTime();
            killed = scalers.killLeader();
            // published last: awaitKill reads killed once it sees killNanos
            killNanos = at;
            note.accept(String.format(
                    Locale.ROOT,
                    "leader %s SIGKILLed at its first %s (epoch %d); Lease timings: %s",
                    killed.isEmpty() ? "(none)" : killed,
                    kind,
                    killedEpoch,
                    ElectedScalers.TIMINGS));
        } else if (killNanos != 0 && firstCommandNanos == 0 && envelope.getEpoch() > killedEpoch) {
            firstCommandNanos = System.nanoTime();
            note.accept(String.format(
                    Locale.ROOT,
                    "first command of the new leader: %s at epoch %d, %d ms after the kill",
                    kind,
                    envelope.getEpoch(),
                    (firstCommandNanos - killNanos) / 1_000_000));
        }
    }

    /** Waits until the leader was killed; the kill's {@link System#nanoTime()}. */
    long awaitKill(Duration timeout) throws InterruptedException {
        require(() -> killNanos != 0, timeout, "the leader's first cutover command");
        if (killed.isEmpty()) {
            throw new IllegalStateException("no scaler held the Lease at the first cutover command");
        }
        return killNanos;
    }

    /** Milliseconds from the kill to the standby on the Lease and to its first command; -1 for what did not happen. */
    Map<String, Long> figures() {
        Map<String, Long> figures = new LinkedHashMap<>();
        long kill = killNanos;
        String by = scalers.holder();
        long taken = kill == 0 || by.isEmpty() || by.equals(killed)
                ? -1
                : scalers.holderSince(by, kill).map(n -> (n - kill) / 1_000_000).orElse(-1L);
        figures.put(LEASE_TAKEN, taken);
        long first = firstCommandNanos;
        figures.put(FIRST_COMMAND, kill == 0 || first == 0 ? -1 : (first - kill) / 1_000_000);
        return figures;
    }
}
