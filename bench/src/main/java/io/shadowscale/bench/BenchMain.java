package io.shadowscale.bench;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bench's single entry point: {@code bench <command> [options]}. Each command is a class with a
 * {@code public static void main(String[])} in its own package, so the harnesses stay independent.
 */
public final class BenchMain {
    /** command -> [class, one-line description]. */
    private static final Map<String, String[]> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("demo", new String[] {"io.shadowscale.bench.demo.DemoCommand",
            "the whole loop on this machine: broker, scaler, local KEDA, workers, a compressed day; report with charts"});
        COMMANDS.put("simulate", new String[] {"io.shadowscale.bench.sim.SimulateCommand",
            "24-hour cost simulation: replica-hours of Shadowscale vs static sizing vs KEDA's lag scaler"});
        COMMANDS.put("load", new String[] {"io.shadowscale.bench.load.LoadCommand",
            "load harness on a real local broker: steady, cutover, baselines, ceiling, compare"});
        COMMANDS.put("scaler-load", new String[] {"io.shadowscale.bench.scalerload.ScalerLoadCommand",
            "one real scaler serving many pairs at KEDA's cadence: RPC latency, Admin calls/s, heap, CPU"});
        COMMANDS.put("sidecar", new String[] {"io.shadowscale.bench.sidecar.SidecarBenchCommand",
            "one worker's ceiling and latency: example processor in the worker vs sidecar mode + Node.js, same run"});
        COMMANDS.put("fault", new String[] {"io.shadowscale.bench.fault.FaultCommand",
            "fault bench: kills and restarts (workers, scaler, broker) around cutovers; losses, duplicates, recovery"});
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            usage();
            return;
        }
        String[] command = COMMANDS.get(args[0]);
        if (command == null) {
            System.err.println("unknown command '" + args[0] + "'");
            usage();
            System.exit(2);
        }
        Class<?> type;
        try {
            type = Class.forName(command[0]);
        } catch (ClassNotFoundException e) {
            System.err.println("command '" + args[0] + "' is not built into this bench (" + command[0] + " missing)");
            System.exit(2);
            return;
        }
        try {
            type.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void usage() {
        System.out.println("usage: bench <command> [options]   (each command takes --help)");
        COMMANDS.forEach((name, c) -> System.out.printf("  %-12s %s%n", name, c[1]));
    }
}
