package io.shadowscale.testkit.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command lines of the demo and the benches, parsed by picocli: an options object is a
 * {@code @Command} whose {@code @Option} fields carry the name, the default, one line of doc and,
 * in an annotation of this package ({@link AtLeast}, {@link Within}, {@link Above}, {@link OneOf}),
 * the range of the values; an option several commands share is a {@code @Mixin} of
 * {@link SharedOptions} constructed with the command's default. {@link Options#check} adds what
 * depends on run time or relates options.
 * Both {@code --name value} and {@code --name=value} work, {@code -h}/{@code --help} prints every
 * option with its default, and every problem of a command line is reported at once: picocli's own
 * (an unknown option, a value that is not of the option's type, a missing value) and the checks'.
 */
public final class BenchCli {
    /** The exit code of a refused command line (picocli's {@code ExitCode.USAGE}). */
    public static final int BAD_USAGE = CommandLine.ExitCode.USAGE;

    private static final int WIDTH = 100;
    private static final String LIST_SECTION = "benchList";
    private static final Pattern OPTION_LINE = Pattern.compile("^ {2}(?:-\\w, | {4})(--[\\w-]+)");
    private static final Pattern DEFAULT_LINE = Pattern.compile("^ +Default:(?: (.*))?$");

    private BenchCli() {}

    /** What a command or a {@code @Mixin} checks beyond the declared ranges. */
    public interface Checked {
        /** Adds a problem for every value that is not allowed, once picocli has set the fields. */
        void check(OptionChecks checks);
    }

    /** A {@code @Command} object of {@code @Option} fields, and what picocli cannot check alone. */
    public interface Options extends Checked {
        /** Adds the problems the declared ranges do not find: none unless a command says otherwise. */
        @Override
        default void check(OptionChecks checks) {}

        /** Adds to the usage message what is only known at run time (e.g. a list of scenarios). */
        default void describe(UsageMessageSpec usage) {}
    }

    /**
     * Sets the fields of {@code options} from {@code args}; a help option is ignored.
     *
     * @return {@code options}, its fields set
     * @throws IllegalArgumentException listing every problem, one per line
     */
    public static <T extends Options> T parse(T options, String... args) {
        List<String> problems = problems(commandLine(options), options, args);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return options;
    }

    /**
     * The command-line arguments that set these options: {@code --name=value} for each entry, in
     * order, the names without their dashes (e.g. a bench's settings given by name in a test).
     */
    public static List<String> arguments(Map<String, String> values) {
        List<String> args = new ArrayList<>();
        values.forEach((name, value) -> args.add("--" + name + "=" + value));
        return args;
    }

    /**
     * {@link #parse} on the process's standard output and error, for a command's {@code main}: returns
     * when the command is to run, else exits the JVM with the code ({@code 0} after help,
     * {@link #BAD_USAGE} after a bad line).
     */
    public static void parseOrExit(Options options, String[] args) {
        OptionalInt stop = parse(
                options,
                args,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        if (stop.isPresent()) {
            System.exit(stop.getAsInt());
        }
    }

    /**
     * Parses {@code args} for a command's {@code main}: empty when the command is to run with the
     * fields of {@code options} set; otherwise the exit code after printing the usage to {@code out}
     * ({@code 0}, help asked) or every problem and the usage to {@code err} ({@link #BAD_USAGE}).
     */
    public static OptionalInt parse(Options options, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = commandLine(options);
        List<String> problems = problems(line, options, args);
        if (line.isUsageHelpRequested()) {
            line.usage(out);
            out.flush();
            return OptionalInt.of(0);
        }
        if (problems.isEmpty()) {
            return OptionalInt.empty();
        }
        err.println(line.getCommandName() + ": invalid options:");
        problems.forEach(p -> err.println("  - " + p));
        line.usage(err);
        err.flush();
        return OptionalInt.of(BAD_USAGE);
    }

    /** The usage message of {@code options}: synopsis, description, every option with its default. */
    public static String usage(Options options) {
        return commandLine(options).getUsageMessage();
    }

    /**
     * Adds a section of {@code rows} (name, one line of doc) after the options, under {@code heading}:
     * e.g. the scenarios a bench runs. The docs wrap in their own column.
     */
    public static void addList(UsageMessageSpec usage, String heading, Map<String, String> rows) {
        int nameWidth = rows.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
        usage.sectionMap().put(LIST_SECTION, help -> {
            TextTable table = TextTable.forColumns(
                    help.colorScheme(),
                    new Column(nameWidth, 2, Column.Overflow.SPAN),
                    new Column(usage.width() - nameWidth, 1, Column.Overflow.WRAP));
            rows.forEach(table::addRowValues);
            return String.format("%n%s:%n", heading) + table;
        });
        List<String> keys = new ArrayList<>(usage.sectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), LIST_SECTION);
        usage.sectionKeys(keys);
    }

    /** The default of every option of {@code options} but the help, by name, in declaration order. */
    public static Map<String, String> defaults(Options options) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (OptionSpec o : commandLine(options).getCommandSpec().options()) {
            if (!o.usageHelp()) {
                defaults.put(o.longestName(), o.defaultValueString(true));
            }
        }
        return defaults;
    }

    /**
     * The defaults a usage message shows (the {@code Default:} line under an option), by option
     * name, in order: what a test of {@code --help} compares with {@link #defaults}.
     */
    public static Map<String, String> defaultsShown(String usage) {
        Map<String, String> shown = new LinkedHashMap<>();
        String option = null;
        for (String line : usage.lines().toList()) {
            Matcher name = OPTION_LINE.matcher(line);
            Matcher value = DEFAULT_LINE.matcher(line);
            if (name.find()) {
                option = name.group(1);
            } else if (value.matches() && option != null) {
                shown.put(option, value.group(1) == null ? "" : value.group(1));
            }
        }
        return shown;
    }

    private static CommandLine commandLine(Options options) {
        CommandLine line = new CommandLine(options);
        CommandSpec spec = line.getCommandSpec();
        spec.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build());
        spec.usageMessage().showDefaultValues(true).sortOptions(false).width(WIDTH);
        // every problem at once, as the project's configuration reports them, not only the first
        spec.parser().collectErrors(true);
        options.describe(spec.usageMessage());
        return line;
    }

    private static List<String> problems(CommandLine line, Options options, String[] args) {
        List<String> problems = new ArrayList<>();
        ParseResult result;
        try {
            result = line.parseArgs(args);
        } catch (ParameterException e) {
            problems.add(e.getMessage());
            return problems;
        }
        if (result.isUsageHelpRequested()) {
            return problems;
        }
        Set<String> refused = new HashSet<>();
        for (Exception e : result.errors()) {
            problems.add(
                    e instanceof UnmatchedArgumentException u
                                    && !u.getSuggestions().isEmpty()
                            ? u.getMessage() + " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)"
                            : e.getMessage());
            if (e instanceof ParameterException p && p.getArgSpec() instanceof OptionSpec o) {
                refused.add(o.longestName());
            }
        }
        if (!problems.isEmpty()) {
            // picocli stops setting defaults at a refused last argument: parse again what it took
            line.parseArgs(taken(result, refused));
        }
        CommandSpec spec = line.getCommandSpec();
        OptionChecks checks = new OptionChecks(problems, refused, declared(spec));
        DeclaredRanges.check(spec.args(), checks);
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof Checked checked) {
                checked.check(checks);
            }
        }
        options.check(checks);
        checks.report();
        return problems;
    }

    /** The names of the options and the labels of the positional parameters, in declaration order. */
    private static List<String> declared(CommandSpec spec) {
        return spec.args().stream()
                .map(a -> a instanceof OptionSpec o ? o.longestName() : a.paramLabel())
                .toList();
    }

    /** The arguments picocli took (the refused options and the unmatched arguments left out). */
    private static String[] taken(ParseResult result, Set<String> refused) {
        List<String> args = new ArrayList<>();
        for (OptionSpec o : result.matchedOptions()) {
            if (refused.contains(o.longestName())) {
                continue;
            }
            if (o.originalStringValues().isEmpty()) {
                args.add(o.longestName());
            }
            o.originalStringValues().forEach(v -> args.add(o.longestName() + "=" + v));
        }
        result.matchedPositionals().forEach(p -> args.addAll(p.originalStringValues()));
        return args.toArray(String[]::new);
    }
}
