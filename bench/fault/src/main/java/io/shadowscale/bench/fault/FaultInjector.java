package io.shadowscale.bench.fault;

import static io.shadowscale.bench.fault.Waits.require;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Command;
import io.shadowscale.localkafka.LocalKafka;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The fault of one {@link FaultRun}: the resize through the scaler's admin endpoint for the walking
 * scenarios, and the kill, freeze, broker restart or bad control records of the scenario, timed
 * against the control commands seen on the control topic. Records when the fault happened
 * ({@link #faultNanos()}) and which worker was the victim, if any ({@link #victim()}).
 */
final class FaultInjector {
    private final LocalKafka kafka;
    private final ConsumerGroups groups;
    private final FaultSettings settings;
    private final FaultScenario scenario;
    private final Clock clock;
    private final Consumer<String> note;
    private final BiFunction<ScalerService, PairKey, Optional<PairView>> view;
    private final NetworkFaults network;
    private volatile long faultNanos;
    private volatile String victim = "";
    private volatile LeaderKill leaderKill;

    FaultInjector(
            LocalKafka kafka,
            ConsumerGroups groups,
            FaultSettings settings,
            FaultScenario scenario,
            Clock clock,
            Consumer<String> note,
            BiFunction<ScalerService, PairKey, Optional<PairView>> view) {
        this.kafka = kafka;
        this.groups = groups;
        this.settings = settings;
        this.scenario = scenario;
        this.clock = clock;
        this.note = note;
        this.view = view;
        this.network = new NetworkFaults(kafka, scenario, note);
    }

    /** The links of the network scenarios (direct connections for the others). */
    NetworkFaults network() {
        return network;
    }

    /** When the fault happened ({@link System#nanoTime()}), 0 before {@link #inject}. */
    long faultNanos() {
        return faultNanos;
    }

    /** The scenario's own timings (ms from the fault), empty for most. */
    Map<String, Long> figures() {
        LeaderKill kill = leaderKill;
        return kill == null ? Map.of() : kill.figures();
    }

    /** The worker killed or frozen by the fault, empty if none. */
    String victim() {
        return victim;
    }

    /** Injects the scenario's fault; sets {@link #faultNanos()}. Returns when the fault has happened. */
    void inject(ScalerService scaler, PairKey pair, ProcessWorkers workers, ControlTail tail, String control)
            throws Exception {
        switch (scenario) {
            case CLEAN, SLOW_PROCESSOR -> resize(scaler, pair);
            case BAD_CONTROL -> {
                try (BadControlRecords bad = new BadControlRecords(kafka.clientProperties(), control, pair, clock)) {
                    sendBad(bad, "before the walk");
                    CountDownLatch atFence = new CountDownLatch(1);
                    tail.onFirst(Command.KindCase.FENCE, () -> {
                        sendBad(bad, "at the fence");
                        atFence.countDown();
                    });
                    faultNanos = System.nanoTime(); // the fault is the walk itself, bad records around it
                    resize(scaler, pair);
                    require(() -> atFence.getCount() == 0, settings.recoveryTimeout(), "a Fence command");
                    sendBad(bad, "after the fence");
                }
            }
            case ACTIVE_KILL -> {
                // frozen only once every new worker has joined its group, so that the fence comes well
                // within the 10 s session: the broker still counts the victim as the owner of its
                // partitions when the controller falls back to the committed offsets
                ProcessWorkers.ProcessWorker target =
                        workers.worker(pair.name() + "-blue-1").orElseThrow();
                victim = target.workerId();
                tail.onFirst(Command.KindCase.FENCE, () -> {
                    faultNanos = System.nanoTime();
                    target.kill();
                    note.accept(victim + " SIGKILLed at the first Fence");
                });
                resize(scaler, pair);
                String green = pair.groupId(SlotName.GREEN);
                require(
                        () -> groups.members(green) >= settings.to() || tail.seen(Command.KindCase.FENCE),
                        settings.recoveryTimeout(),
                        settings.to() + " members in " + green);
                if (tail.seen(Command.KindCase.FENCE)) {
                    note.accept("the Fence came before " + victim + " could be frozen");
                } else {
                    target.process().freeze();
                    note.accept(victim + " frozen (SIGSTOP) once green had " + settings.to() + " members");
                }
                require(() -> !target.alive(), settings.recoveryTimeout(), victim + " killed at the fence");
            }
            case SHADOW_KILL -> {
                resize(scaler, pair);
                String id = pair.name() + "-green-1";
                require(
                        () -> groups.joined(pair.groupId(SlotName.GREEN), id),
                        settings.recoveryTimeout(),
                        id + " in its group");
                String phase = view.apply(scaler, pair).map(PairView::phase).orElse("?");
                faultNanos = System.nanoTime();
                workers.worker(id).orElseThrow().kill();
                note.accept(id + " SIGKILLed after joining the green group (pair " + phase + ")");
            }
            case CONTROLLER_KILL -> {
                tail.onFirst(Command.KindCase.FENCE, () -> {
                    faultNanos = System.nanoTime();
                    scaler.kill();
                });
                resize(scaler, pair);
                require(
                        () -> tail.seen(Command.KindCase.FENCE) && !scaler.alive(),
                        settings.recoveryTimeout(),
                        "scaler killed at the first Fence");
                note.accept("scaler SIGKILLed at the first Fence; starting a new one");
                scaler.start();
            }
            case CUT_ACTIVE, CUT_SHADOW, CUT_HANDOFF, CUT_SCALER, LATENCY_200MS ->
                faultNanos = network.inject(
                        scaler, pair, groups, tail, () -> resize(scaler, pair), settings.recoveryTimeout());
            case LEADER_KILL -> {
                LeaderKill kill = new LeaderKill(scaler, note);
                leaderKill = kill;
                kill.arm(tail);
                resize(scaler, pair);
                faultNanos = kill.awaitKill(settings.recoveryTimeout());
            }
            case BROKER_RESTART_STEADY -> {
                faultNanos = System.nanoTime();
                restartBroker();
            }
            case BROKER_RESTART_CUTOVER -> {
                tail.onFirst(Command.KindCase.FENCE, () -> {
                    faultNanos = System.nanoTime();
                    restartBroker();
                });
                resize(scaler, pair);
                require(
                        () -> faultNanos != 0 && kafka.isRunning(),
                        settings.recoveryTimeout(),
                        "broker restarted at the first Fence");
            }
        }
        if (faultNanos == 0) {
            faultNanos = System.nanoTime();
        }
    }

    private void resize(ScalerService scaler, PairKey pair) {
        String answer = scaler.post(pair, "resize?replicas=" + settings.to());
        note.accept("resize to " + settings.to() + ": " + answer);
    }

    private void restartBroker() {
        long start = System.nanoTime();
        kafka.restart();
        note.accept(String.format(Locale.ROOT, "broker restarted in %d ms", (System.nanoTime() - start) / 1_000_000));
    }

    private void sendBad(BadControlRecords bad, String when) {
        note.accept(bad.send() + " bad control records sent " + when);
    }
}
