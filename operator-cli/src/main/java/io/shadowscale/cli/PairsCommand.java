package io.shadowscale.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code shadowscale pairs ...}: the views of the admin endpoint ({@code GET /pairs},
 * {@code GET /pairs/{namespace}/{name}}) and the calls of the operator endpoint
 * ({@code POST /pairs/{namespace}/{name}/{resize?replicas=M|pause|resume|rollback}}). The
 * subcommands inherit the root command's help and version options.
 */
@Command(
        name = "pairs",
        description = "Lists, shows and drives pairs.",
        subcommands = {PairsCommand.ListPairs.class, PairsCommand.Show.class, PairsCommand.Resize.class})
final class PairsCommand implements Runnable {
    @ParentCommand
    private ShadowscaleCli root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** A pair as {@code namespace/name}. */
    record PairName(String namespace, String name) {
        private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

        static PairName parse(String value) {
            int slash = value.indexOf('/');
            if (slash < 0
                    || !LABEL.matcher(value.substring(0, slash)).matches()
                    || !LABEL.matcher(value.substring(slash + 1)).matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not <namespace>/<name> " + "(two DNS-1123 labels, e.g. shop/orders)");
            }
            return new PairName(value.substring(0, slash), value.substring(slash + 1));
        }

        String path() {
            return "/pairs/" + namespace + "/" + name;
        }
    }

    /** What every subcommand shares: the global options, the pair argument's parsing, printing. */
    abstract static class PairCall implements Callable<Integer> {
        @ParentCommand
        PairsCommand pairs;

        @Spec
        CommandSpec spec;

        ShadowscaleCli root() {
            return pairs.root;
        }

        boolean json() {
            return root().output == ShadowscaleCli.Output.json;
        }

        void print(String text) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }

        /** Carries out an operator call and prints the scaler's answer. */
        Integer operate(PairName pair, String action) {
            JsonNode answer =
                    root().client.post(root().operatorUrl, pair.path() + "/" + action, root().operatorToken(spec));
            print(json() ? pretty(answer) : answer.path("message").asText() + "\n");
            return 0;
        }

        static String pretty(JsonNode node) {
            try {
                return ScalerClient.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed JSON tree is always writable", e);
            }
        }
    }

    /** A subcommand taking one pair (parsed by {@link PairName#parse}, the converter the command line registers). */
    abstract static class OnePair extends PairCall {
        @Parameters(index = "0", paramLabel = "<pair>", description = "The pair, as namespace/name (e.g. shop/orders).")
        PairName pair;
    }

    @Command(name = "list", description = "Every pair: phase, slot sizes, last walk and traffic (admin endpoint).")
    static final class ListPairs extends PairCall {
        @Override
        public Integer call() {
            JsonNode all = root().client.get(root().adminUrl, "/pairs");
            print(json() ? pretty(all) : PairTables.list(all, root().clock.instant()));
            return 0;
        }
    }

    @Command(name = "show", description = "One pair in detail, with its walks (admin endpoint).")
    static final class Show extends OnePair {
        @Override
        public Integer call() {
            JsonNode one = root().client.get(root().adminUrl, pair.path());
            print(json() ? pretty(one) : PairTables.show(one, root().clock.instant()));
            return 0;
        }
    }

    @Command(
            name = "resize",
            description = "Asks for a walk to N workers; accepted only while the pair is STEADY (operator endpoint).")
    static final class Resize extends OnePair {
        @Option(names = "--replicas", required = true, paramLabel = "N", description = "Workers to walk to.")
        int replicas;

        @Override
        public Integer call() {
            return operate(pair, "resize?replicas=" + replicas);
        }
    }

    /**
     * The operator calls that take nothing but the pair, in the order {@code pairs --help} lists
     * them: a table, since they differ only in name, endpoint action and description.
     */
    enum PairOnlyCall {
        PAUSE("pause", "Stops the pair's automatic decisions (operator endpoint)."),
        RESUME("resume", "Starts the pair's automatic decisions again (operator endpoint)."),
        ROLLBACK("rollback", "Gives up the walk in progress, before its barrier (operator endpoint).");

        /** The subcommand's name, which is also the operator endpoint's action. */
        final String action;

        final String description;

        PairOnlyCall(String action, String description) {
            this.action = action;
            this.description = description;
        }
    }

    /**
     * Adds the {@link PairOnlyCall} subcommands to the {@code pairs} command line, after the
     * annotated ones; call it before setting the output streams, converters and handlers, which
     * picocli hands only to the subcommands already added.
     */
    static void addPairOnlyCalls(CommandLine pairs) {
        for (PairOnlyCall call : PairOnlyCall.values()) {
            CommandLine line = new CommandLine(new PairOnly(call));
            line.getCommandSpec().name(call.action).usageMessage().description(call.description);
            pairs.addSubcommand(call.action, line);
        }
    }

    /** One {@link PairOnlyCall}; its name and description are set by {@link #addPairOnlyCalls}. */
    @Command
    static final class PairOnly extends OnePair {
        private final PairOnlyCall call;

        PairOnly(PairOnlyCall call) {
            this.call = call;
        }

        @Override
        public Integer call() {
            return operate(pair, call.action);
        }
    }
}
