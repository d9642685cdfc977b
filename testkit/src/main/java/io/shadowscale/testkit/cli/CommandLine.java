package io.shadowscale.testkit.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bench commands' shared argument form: {@code --name value} or {@code --name=value}. */
public final class CommandLine {
    private CommandLine() {}

    /**
     * The option values by name, in order; every argument that is not an option, and an option
     * without a value, is added to {@code problems} (the caller reports them with its own).
     */
    public static Map<String, String> values(String[] args, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                problems.add("'" + a + "' is not an option (options look like --name value)");
                continue;
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                problems.add("--" + name + " has no value");
            }
        }
        return values;
    }
}
