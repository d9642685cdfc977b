package io.shadowscale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code shadowscale} command: reads pairs from the scaler's read-only admin endpoint and
 * drives them through its operator endpoint (see the module README). The options here apply to
 * every subcommand and may be given before or after it. Exit codes: 0 done, 1 the scaler refused
 * or failed the call, 2 bad usage, 3 the scaler could not be reached.
 */
@Command(
        name = "shadowscale",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = ShadowscaleCli.Version.class,
        description = "Sees and drives Shadowscale pairs through the scaler's admin API.",
        subcommands = PairsCommand.class)
public final class ShadowscaleCli implements Runnable {
    /** The environment variable holding the operator token when no option gives it. */
    static final String TOKEN_VARIABLE = "SHADOWSCALE_OPERATOR_TOKEN";
    /** The scaler cannot be reached (connection refused, unknown host, timeout). */
    static final int UNREACHABLE = 3;

    /** How results are printed (constants named as they are typed: {@code -o json}). */
    enum Output {
        table,
        json
    }

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--admin-url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8081",
            description = "The scaler's read-only admin endpoint. Default: ${DEFAULT-VALUE}")
    URI adminUrl;

    @Option(
            names = "--operator-url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8082",
            description = "The scaler's operator endpoint (resize, pause, resume, rollback). Default: ${DEFAULT-VALUE}")
    URI operatorUrl;

    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "TOKEN",
            description = "Bearer token for the operator endpoint. Default: --token-file, else $" + TOKEN_VARIABLE)
    String token;

    @Option(
            names = "--token-file",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "File holding the bearer token (white space around it is ignored).")
    Path tokenFile;

    @Option(
            names = {"-o", "--output"},
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "Output: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
    Output output;

    final Clock clock;
    final Map<String, String> environment;
    final ScalerClient client;

    ShadowscaleCli(Clock clock, Map<String, String> environment, ScalerClient client) {
        this.clock = clock;
        this.environment = environment;
        this.client = client;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, Clock.systemUTC(), System.getenv(), ScalerClient.standard()));
    }

    /** Runs one command line, printing to {@code out} and {@code err}; the exit code. */
    static int run(
            String[] args,
            PrintWriter out,
            PrintWriter err,
            Clock clock,
            Map<String, String> environment,
            ScalerClient client) {
        CommandLine cli = new CommandLine(new ShadowscaleCli(clock, environment, client));
        PairsCommand.addPairOnlyCalls(cli.getSubcommands().get("pairs"));
        cli.setOut(out);
        cli.setErr(err);
        cli.registerConverter(URI.class, ShadowscaleCli::httpUri);
        cli.registerConverter(PairsCommand.PairName.class, PairsCommand.PairName::parse);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof CliException failure) {
                command.getErr().println(failure.getMessage());
                return failure.exitCode();
            }
            throw e;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** The operator token: --token, else --token-file, else the environment variable, else none. */
    Optional<String> operatorToken(CommandSpec command) {
        if (token != null && tokenFile != null) {
            throw new ParameterException(command.commandLine(), "give either --token or --token-file, not both");
        }
        if (token != null) {
            return Optional.of(token.strip());
        }
        if (tokenFile != null) {
            try {
                return Optional.of(Files.readString(tokenFile).strip());
            } catch (IOException e) {
                throw new ParameterException(
                        command.commandLine(),
                        "cannot read --token-file " + tokenFile + ": "
                                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
            }
        }
        return Optional.ofNullable(environment.get(TOKEN_VARIABLE))
                .map(String::strip)
                .filter(t -> !t.isEmpty());
    }

    private static URI httpUri(String value) {
        URI uri = URI.create(value);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an http:// or https:// URL");
        }
        return uri;
    }

    /** The version of the jar, written into {@code shadowscale-cli.properties} by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = ShadowscaleCli.class.getResourceAsStream("/shadowscale-cli.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"shadowscale " + p.getProperty("version", "(unknown version)")};
        }
    }
}
