package io.shadowscale.scaler.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the operator endpoint's settings of {@link ScalerConfig}: off, or a port and its callers' tokens. */
final class OperatorSettings {
    private OperatorSettings() {}

    static Optional<OperatorAccess> read(
            int port,
            Optional<Path> tokensFile,
            Optional<String> tokens,
            int grpcPort,
            int adminPort,
            Consumer<String> problems) {
        String portKey = ScalerConfig.OPERATOR_PORT.key();
        String fileKey = ScalerConfig.OPERATOR_TOKENS_FILE.key();
        String tokensKey = ScalerConfig.OPERATOR_TOKENS.key();
        if (port < 0) {
            if (tokensFile.isPresent() || tokens.isPresent()) {
                problems.accept(fileKey + " / " + tokensKey + ": set while " + portKey + " is off (-1)");
            }
            return Optional.empty();
        }
        if (port != 0 && (port == grpcPort || port == adminPort)) {
            problems.accept(portKey + " is " + port + ", the port of "
                    + (port == grpcPort ? ScalerConfig.GRPC_PORT.key() : ScalerConfig.ADMIN_PORT.key())
                    + ": expected a port of its own");
        }
        if (tokensFile.isPresent() == tokens.isPresent()) {
            problems.accept(portKey + "=" + port + " needs exactly one of " + fileKey + " and " + tokensKey + ", has "
                    + (tokens.isPresent() ? "both" : "neither"));
            return Optional.empty();
        }
        String text;
        String source;
        if (tokensFile.isPresent()) {
            source = fileKey;
            try {
                text = Files.readString(tokensFile.get());
            } catch (IOException e) {
                problems.accept(fileKey + ": cannot read " + tokensFile.get() + ": " + e.getMessage());
                return Optional.empty();
            }
        } else {
            source = tokensKey;
            text = tokens.get();
        }
        try {
            return Optional.of(new OperatorAccess(port, OperatorAccess.parseTokens(text)));
        } catch (IllegalArgumentException e) {
            problems.accept(source + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
