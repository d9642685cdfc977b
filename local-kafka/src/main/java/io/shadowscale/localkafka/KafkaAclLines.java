package io.shadowscale.localkafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Reads {@code kafka-acls --add} command lines, as a security document lists them, into ACL
 * bindings, so that a test grants exactly what the document says. Understood: {@code
 * --allow-principal} (repeatable), {@code --allow-host} (default {@code *}), {@code --operation}
 * (repeatable), one of {@code --topic}, {@code --group}, {@code --transactional-id} or {@code
 * --cluster}, and {@code --resource-pattern-type literal|prefixed}; {@code --bootstrap-server} and
 * {@code --command-config} take a value and are ignored, as is {@code --add}. A line continued with
 * a trailing backslash is joined with the next. Kafka's own {@code AclCommand} lives in
 * {@code kafka-tools}, which this module does not otherwise need; this covers the subset the
 * documents use and refuses anything else.
 */
public final class KafkaAclLines {
    private KafkaAclLines() {}

    /** The bindings of every {@code kafka-acls} line in {@code lines} (other lines are skipped). */
    public static List<AclBinding> parse(List<String> lines) {
        List<AclBinding> bindings = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.endsWith("\\")) {
                joined.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            joined.append(line);
            String command = joined.toString().strip();
            joined.setLength(0);
            if (command.startsWith("kafka-acls ") || command.startsWith("kafka-acls.sh ")) {
                bindings.addAll(parseLine(command));
            }
        }
        return bindings;
    }

    static List<AclBinding> parseLine(String command) {
        String[] words = command.split("\\s+");
        List<String> principals = new ArrayList<>();
        List<AclOperation> operations = new ArrayList<>();
        String host = "*";
        ResourceType type = null;
        String name = null;
        PatternType pattern = PatternType.LITERAL;
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            switch (word) {
                case "--add" -> {}
                case "--bootstrap-server", "--command-config" -> i++;
                case "--allow-principal" -> principals.add(value(words, ++i, word, command));
                case "--allow-host" -> host = value(words, ++i, word, command);
                case "--operation" -> operations.add(AclOperation.fromString(value(words, ++i, word, command)));
                case "--topic" -> {
                    type = ResourceType.TOPIC;
                    name = value(words, ++i, word, command);
                }
                case "--group" -> {
                    type = ResourceType.GROUP;
                    name = value(words, ++i, word, command);
                }
                case "--transactional-id" -> {
                    type = ResourceType.TRANSACTIONAL_ID;
                    name = value(words, ++i, word, command);
                }
                case "--cluster" -> {
                    type = ResourceType.CLUSTER;
                    name = "kafka-cluster";
                }
                case "--resource-pattern-type" ->
                    pattern = PatternType.fromString(
                            value(words, ++i, word, command).toUpperCase(Locale.ROOT));
                default ->
                    throw new IllegalArgumentException("unsupported kafka-acls option " + word + " in: " + command);
            }
        }
        if (principals.isEmpty()
                || operations.isEmpty()
                || type == null
                || operations.contains(AclOperation.UNKNOWN)
                || pattern == PatternType.UNKNOWN) {
            throw new IllegalArgumentException("a kafka-acls line needs --allow-principal, known --operation values "
                    + "and one resource: " + command);
        }
        List<AclBinding> bindings = new ArrayList<>();
        for (String principal : principals) {
            for (AclOperation operation : operations) {
                bindings.add(new AclBinding(
                        new ResourcePattern(type, name, pattern),
                        new AccessControlEntry(principal, host, operation, AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    private static String value(String[] words, int i, String option, String command) {
        if (i >= words.length) {
            throw new IllegalArgumentException(option + " needs a value in: " + command);
        }
        return words[i];
    }
}
