package io.shadowscale.bench.fault;

import static io.shadowscale.bench.fault.Waits.require;
import static io.shadowscale.bench.fault.Waits.waitFor;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Command;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.TcpProxy;
import io.shadowscale.testkit.fleet.WorkerLauncher;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The network faults of the {@code cut-*} and {@code latency-*} scenarios. Each faulted client (a
 * worker process or the scaler) is given the bootstrap address of one of the bench broker's
 * proxied listeners ({@link #LINKS}, each behind its own {@link TcpProxy}), so every connection
 * of that client, its control channel included, goes through that proxy and nothing else does:
 * one worker or the scaler can be cut off alone. A cut resets the open connections and refuses new
 * ones for {@link #CUT_SECONDS} s; the fault's time ({@link #inject}'s answer) is the moment the
 * link comes back, so the run's recovery time is measured from there. The added latency stays on
 * until the run ends. {@link #close()} restores every link this run used.
 */
final class NetworkFaults implements AutoCloseable {
    /** How long a cut lasts, seconds. */
    static final long CUT_SECONDS = 5;
    /** Latency added to every chunk forwarded, each way, in {@code latency-200ms}. */
    static final long LATENCY_MS = 200;
    /** Proxied listeners of the bench's broker; old-slot workers beyond this many share a link. */
    static final int LINKS = 4;

    private static final Set<FaultScenario> SCENARIOS = EnumSet.of(
            FaultScenario.CUT_ACTIVE,
            FaultScenario.CUT_SHADOW,
            FaultScenario.CUT_HANDOFF,
            FaultScenario.CUT_SCALER,
            FaultScenario.LATENCY_200MS);
    private static final String BOOTSTRAP = "SHADOWSCALE_BOOTSTRAP_SERVERS";

    private final LocalKafka kafka;
    private final FaultScenario scenario;
    private final Consumer<String> note;
    /** Client (worker id, or "scaler") to the proxy it connects through. */
    private final Map<String, TcpProxy> links = new ConcurrentHashMap<>();

    NetworkFaults(LocalKafka kafka, FaultScenario scenario, Consumer<String> note) {
        this.kafka = kafka;
        this.scenario = scenario;
        this.note = note;
    }

    /** Whether {@code scenario} is one of the network faults. */
    static boolean covers(FaultScenario scenario) {
        return SCENARIOS.contains(scenario);
    }

    /** The scaler's bootstrap servers: its own link when the scaler is the one cut off, else the direct one. */
    String scalerBootstrap() {
        if (scenario != FaultScenario.CUT_SCALER) {
            return kafka.bootstrapServers();
        }
        TcpProxy link = kafka.proxies().get(0);
        links.put("scaler", link);
        note.accept("scaler connects through proxy :" + link.port());
        return "127.0.0.1:" + link.port();
    }

    /** {@code workers}, with the faulted workers of {@code pair} started behind their own link. */
    WorkerLauncher launcher(PairKey pair, WorkerLauncher workers) {
        return (workerId, env) -> {
            Optional<TcpProxy> link = linkOf(pair, workerId);
            if (link.isEmpty()) {
                return workers.launch(workerId, env);
            }
            links.put(workerId, link.get());
            note.accept(workerId + " connects through proxy :" + link.get().port());
            Map<String, String> proxied = new HashMap<>(env);
            proxied.put(BOOTSTRAP, "127.0.0.1:" + link.get().port());
            return workers.launch(workerId, Map.copyOf(proxied));
        };
    }

    /**
     * Asks for the walk ({@code resize}) and injects the scenario's network fault; returns the
     * moment ({@link System#nanoTime()}) the cut link came back, or the latency was switched on.
     */
    long inject(
            ScalerService scaler,
            PairKey pair,
            ConsumerGroups groups,
            ControlTail tail,
            Runnable resize,
            Duration bound)
            throws InterruptedException {
        switch (scenario) {
            case CUT_ACTIVE, CUT_SHADOW -> {
                resize.run();
                String shadow = pair.name() + "-green-1";
                require(() -> groups.joined(pair.groupId(SlotName.GREEN), shadow), bound, shadow + " in its group");
                String victim = scenario == FaultScenario.CUT_ACTIVE ? pair.name() + "-blue-1" : shadow;
                cut(List.of(victim));
                note.accept(
                        victim + " cut off once " + shadow + " joined its group (pair " + phase(scaler, pair) + ")");
                waitFor(() -> false, Duration.ofSeconds(CUT_SECONDS));
                return restore(List.of(victim), phase(scaler, pair));
            }
            case CUT_HANDOFF, CUT_SCALER -> {
                List<String> victims = scenario == FaultScenario.CUT_SCALER
                        ? List.of("scaler")
                        : links.keySet().stream().sorted().toList();
                AtomicLong cutAt = new AtomicLong();
                tail.onFirst(Command.KindCase.FENCE, () -> {
                    cut(victims);
                    cutAt.set(System.nanoTime());
                });
                resize.run();
                require(() -> cutAt.get() != 0, bound, "the first Handoff/Fence");
                note.accept(String.join(", ", victims) + " cut off at the first Handoff/Fence");
                waitFor(() -> false, Duration.ofNanos(cutAt.get() + CUT_SECONDS * 1_000_000_000L - System.nanoTime()));
                return restore(victims, phase(scaler, pair));
            }
            case LATENCY_200MS -> {
                Duration latency = Duration.ofMillis(LATENCY_MS);
                links.values().stream().distinct().forEach(l -> l.delay(latency));
                note.accept(LATENCY_MS + " ms added each way on the links of " + sortedClients() + " until the end");
                long on = System.nanoTime();
                resize.run();
                return on;
            }
            default -> throw new IllegalArgumentException(scenario.label() + " is not a network fault");
        }
    }

    /** Restores every link this run used: no cut, no delay. */
    @Override
    public void close() {
        links.values().stream().distinct().forEach(l -> {
            l.restore();
            l.delay(Duration.ZERO);
        });
    }

    /** The link {@code workerId} connects through in this scenario, empty for a direct connection. */
    private Optional<TcpProxy> linkOf(PairKey pair, String workerId) {
        List<TcpProxy> proxies = kafka.proxies();
        String blue = pair.name() + "-" + SlotName.BLUE.label() + "-";
        return switch (scenario) {
            case CUT_ACTIVE -> workerId.equals(blue + 1) ? Optional.of(proxies.get(0)) : Optional.empty();
            case CUT_SHADOW ->
                workerId.equals(pair.name() + "-" + SlotName.GREEN.label() + "-1")
                        ? Optional.of(proxies.get(0))
                        : Optional.empty();
            case CUT_HANDOFF, LATENCY_200MS ->
                workerId.startsWith(blue)
                        ? Optional.of(proxies.get((ordinal(workerId) - 1) % proxies.size()))
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    private void cut(List<String> victims) {
        victims.stream().map(this::link).distinct().forEach(TcpProxy::cut);
    }

    private long restore(List<String> victims, String phase) {
        victims.stream().map(this::link).distinct().forEach(TcpProxy::restore);
        note.accept(String.format(
                Locale.ROOT, "links of %s back after %d s (pair %s)", String.join(", ", victims), CUT_SECONDS, phase));
        return System.nanoTime();
    }

    private TcpProxy link(String client) {
        TcpProxy link = links.get(client);
        if (link == null) {
            throw new IllegalStateException(client + " has no link of its own (started behind none)");
        }
        return link;
    }

    private String sortedClients() {
        return String.join(", ", links.keySet().stream().sorted().toList());
    }

    private static String phase(ScalerService scaler, PairKey pair) {
        return scaler.pair(pair).map(PairView::phase).orElse("?");
    }

    private static int ordinal(String workerId) {
        return Integer.parseInt(workerId.substring(workerId.lastIndexOf('-') + 1));
    }
}
