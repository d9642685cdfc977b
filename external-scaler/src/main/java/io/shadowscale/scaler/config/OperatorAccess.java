package io.shadowscale.scaler.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The operator endpoint (the mutating admin calls): its port and the callers allowed on it, each a
 * name and a bearer token. {@link #toString()} never shows a token.
 *
 * @param port the operator HTTP port (0 = any free port)
 * @param tokens bearer token by caller name, at least one
 */
public record OperatorAccess(int port, Map<String, String> tokens) {
    public OperatorAccess {
        tokens = Map.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one caller token expected");
        }
    }

    /**
     * Parses {@code caller:token} lines (blank lines and lines starting with {@code #} are skipped);
     * a caller is a DNS-1123 label, a token at least 16 characters without blanks, each unique.
     *
     * @throws IllegalArgumentException naming the first bad line by number, never its token
     */
    public static Map<String, String> parseTokens(String text) {
        Map<String, String> tokens = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String caller = colon < 0 ? "" : line.substring(0, colon);
            String token = colon < 0 ? "" : line.substring(colon + 1);
            if (!caller.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
                    || token.length() < 16
                    || token.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not <caller>:<token> with a DNS-1123 label"
                        + " and a token of at least 16 characters without blanks");
            }
            if (tokens.containsKey(caller) || tokens.containsValue(token)) {
                throw new IllegalArgumentException("line " + (i + 1) + " repeats a caller or a token");
            }
            tokens.put(caller, token);
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no <caller>:<token> line");
        }
        return tokens;
    }

    @Override
    public String toString() {
        return "OperatorAccess[port=" + port + ", callers=" + new TreeSet<>(tokens.keySet()) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperatorAccess other && port == other.port && tokens.equals(other.tokens);
    }

    @Override
    public int hashCode() {
        return Objects.hash(port, tokens);
    }
}
