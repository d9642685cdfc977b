package io.shadowscale.scaler;

import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.shadowscale.common.ProcessMain;
import io.shadowscale.control.Secrets;
import io.shadowscale.scaler.config.ConfigException;
import io.shadowscale.scaler.config.ScalerConfig;
import io.shadowscale.scaler.grpc.ExternalScalerService;
import io.shadowscale.scaler.grpc.PairClaims;
import io.shadowscale.scaler.grpc.RequestLimits;
import io.shadowscale.scaler.grpc.ScalerServer;
import io.shadowscale.scaler.model.SlotTargets;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scaler process: reads {@link ScalerConfig} from the environment and {@code --flag=value}
 * arguments (exit code 2 with every problem listed when it is invalid), starts the {@link ScalerApp}
 * (pair controller, gRPC server, admin endpoint, leader election) and serves until stopped. SIGTERM
 * runs {@link ScalerApp#close()}: NOT_SERVING, bounded drain of calls, controller stopped, Lease
 * released.
 */
public final class ScalerMain {
    static {
        // before the first logger: the runnable jar's logging (INFO for Shadowscale, WARN for clients)
        ProcessMain.useLogging("shadowscale-scaler-logback.xml");
    }

    private static final Logger LOG = LoggerFactory.getLogger(ScalerMain.class);

    /** Exit code for an invalid configuration. */
    public static final int EXIT_BAD_CONFIG = ProcessMain.EXIT_BAD_CONFIG;
    /** Exit code when the process cannot start (port taken, TLS files unreadable, controller missing). */
    public static final int EXIT_START_FAILED = ProcessMain.EXIT_START_FAILED;

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private ScalerMain() {}

    public static void main(String[] args) {
        ProcessMain.exit(run(System.getenv(), Arrays.asList(args), System.err));
    }

    /** Everything {@link #main} does, testable: returns the exit code once the server stops (or fails). */
    static int run(Map<String, String> env, List<String> args, PrintStream err) {
        if (args.contains("--help")) {
            err.print(ScalerConfig.usage());
            return 0;
        }
        ScalerConfig config;
        try {
            config = ScalerConfig.parse(env, args);
        } catch (ConfigException e) {
            return ProcessMain.badConfig("scaler", e.problems(), "run with --help for the list of settings", err);
        }
        LOG.info("configuration: {}", config.describe());
        ScalerApp app;
        try {
            app = ScalerApp.start(config, env, Clock.systemUTC());
        } catch (Exception e) {
            // Kafka's messages may quote the client configuration: print and log them redacted
            Secrets secrets = config.secrets();
            String cause = secrets.describe(e);
            if (cause.equals(Secrets.of(Map.of()).describe(e))) {
                LOG.error("cannot start", e);
            } else {
                LOG.error("cannot start: {}", cause);
            }
            return ProcessMain.startFailed("scaler", secrets.redact(String.valueOf(e.getMessage())), err);
        }
        Thread hook = new Thread(app::close, "scaler-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            app.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            app.close();
        }
        return ProcessMain.EXIT_OK;
    }

    /** Builds and starts the KEDA-facing server around {@code targets}, as configured. */
    public static ScalerServer serve(ScalerConfig config, SlotTargets targets, Clock clock) throws IOException {
        return serve(config, targets, clock, List.of());
    }

    /** The same with {@code interceptors} on every call (the metrics' one). */
    public static ScalerServer serve(
            ScalerConfig config, SlotTargets targets, Clock clock, List<ServerInterceptor> interceptors)
            throws IOException {
        RequestLimits limits = RequestLimits.DEFAULT;
        ExternalScalerService service = new ExternalScalerService(
                targets,
                new PairClaims(targets, clock, PairClaims.DEFAULT_CLAIM_TTL),
                config.allowedNamespaces(),
                limits);
        NettyServerBuilder builder = ScalerServer.netty(new InetSocketAddress(config.grpcPort()), config.tls());
        interceptors.forEach(builder::intercept);
        return new ScalerServer(builder, service, limits, SHUTDOWN_GRACE).start();
    }
}
