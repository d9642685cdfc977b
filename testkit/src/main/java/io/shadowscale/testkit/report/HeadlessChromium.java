package io.shadowscale.testkit.report;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Opens a page in a real headless Chromium ({@code chromium --headless --dump-dom --screenshot})
 * and returns what the browser made of it: the DOM after loading, every console message the page
 * produced (uncaught errors included) and a screenshot. Used to check that a report renders, not
 * only that its text was written.
 *
 * <p>The browser is the one on {@code PATH} ({@code chromium}, Debian's package, which {@code .ci/run}
 * installs), or the one named by the {@code SHADOWSCALE_CHROMIUM} environment variable.
 */
public final class HeadlessChromium {
    /** Names tried on {@code PATH}, in order. */
    static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private static final long TIMEOUT_SECONDS = 120;

    /**
     * What the browser showed.
     *
     * @param dom the document after loading (scripts run), serialized
     * @param consoleMessages every console line of the page ({@code console.*} calls, uncaught errors)
     * @param screenshot the PNG of the window
     */
    public record Rendering(String dom, List<String> consoleMessages, Path screenshot) {
        public Rendering {
            consoleMessages = List.copyOf(consoleMessages);
        }
    }

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /**
     * The installed browser.
     *
     * @throws IllegalStateException naming what to install when none is found
     */
    public static HeadlessChromium find() {
        return find(System.getenv());
    }

    /** The browser {@code env} names ({@code SHADOWSCALE_CHROMIUM}) or its {@code PATH} holds. */
    static HeadlessChromium find(Map<String, String> env) {
        String configured = env.getOrDefault("SHADOWSCALE_CHROMIUM", "");
        String path = env.getOrDefault("PATH", "");
        Optional<Path> found = !configured.isBlank()
                ? Optional.of(Path.of(configured)).filter(Files::isExecutable)
                : NAMES.stream()
                        .map(name -> onPath(path, name))
                        .flatMap(Optional::stream)
                        .findFirst();
        return new HeadlessChromium(found.orElseThrow(() -> new IllegalStateException("no headless browser: "
                + (!configured.isBlank()
                        ? "SHADOWSCALE_CHROMIUM=" + configured + " is not an executable file"
                        : "none of " + NAMES + " is on PATH=" + path)
                + "; install Debian's chromium (apt-get install chromium), as .ci/run does")));
    }

    private static Optional<Path> onPath(String path, String name) {
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public Path binary() {
        return binary;
    }

    /**
     * Loads {@code page} in a window of {@code width} x {@code height}, writes the screenshot to
     * {@code screenshot} and returns the rendering.
     *
     * @throws IOException when the browser cannot start, fails or takes longer than two minutes
     */
    public Rendering render(Path page, Path screenshot, int width, int height)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("shadowscale-chromium-");
        Path out = profile.resolve("dom.html");
        Path err = profile.resolve("stderr.log");
        Files.createDirectories(screenshot.toAbsolutePath().getParent());
        try {
            Process process = new ProcessBuilder(
                            binary.toString(),
                            "--headless",
                            "--disable-gpu",
                            "--no-sandbox",
                            "--no-first-run",
                            "--disable-extensions",
                            "--enable-logging=stderr",
                            "--v=0",
                            "--user-data-dir=" + profile.resolve("profile"),
                            "--window-size=" + width + "," + height,
                            "--screenshot=" + screenshot.toAbsolutePath(),
                            "--dump-dom",
                            page.toAbsolutePath().toUri().toString())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IOException(binary + " did not finish rendering " + page + " in " + TIMEOUT_SECONDS + " s");
            }
            List<String> log = Files.readAllLines(err, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(binary + " exited " + process.exitValue() + " rendering " + page + ": "
                        + String.join("\n", log.subList(Math.max(0, log.size() - 20), log.size())));
            }
            return new Rendering(Files.readString(out, StandardCharsets.UTF_8), console(log), screenshot);
        } finally {
            deleteTree(profile);
        }
    }

    /** The page's console lines in Chromium's log ({@code ...:INFO:CONSOLE:12] "message", source: ...}). */
    static List<String> console(List<String> log) {
        List<String> messages = new ArrayList<>();
        for (String line : log) {
            int at = line.indexOf(":CONSOLE");
            if (at >= 0) {
                int end = line.indexOf("] ", at);
                messages.add(end >= 0 ? line.substring(end + 2) : line.substring(at));
            }
        }
        return messages;
    }

    /** Best effort: a browser helper process may still be closing its files in the profile. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // left in the temporary directory
        }
    }
}
