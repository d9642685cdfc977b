package io.shadowscale.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser harness itself: it must see what a page logs, or a clean report proves nothing. */
class HeadlessChromiumIT {
    @TempDir
    Path dir;

    @Test
    void returnsTheDomAfterScriptsRanAndEveryConsoleMessage() throws Exception {
        Path page = dir.resolve("page.html");
        Files.writeString(
                page,
                "<!DOCTYPE html><html><body><p id=\"p\">before</p><script>"
                        + "document.getElementById('p').textContent = 'after';"
                        + "console.error('broken chart'); missingFunction();</script></body></html>");

        HeadlessChromium.Rendering r = HeadlessChromium.find().render(page, dir.resolve("page.png"), 400, 300);

        assertThat(r.dom()).contains("<p id=\"p\">after</p>");
        assertThat(r.consoleMessages())
                .containsExactly(
                        "\"broken chart\", source: " + page.toUri() + " (1)",
                        "\"Uncaught ReferenceError: missingFunction is not defined\", source: " + page.toUri()
                                + " (1)");
        assertThat(Files.readAllBytes(r.screenshot())).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void aPageWithoutScriptsLogsNothing() throws Exception {
        Path page = dir.resolve("plain.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><svg width=\"10\" height=\"10\"></svg></body></html>");

        HeadlessChromium.Rendering r = HeadlessChromium.find().render(page, dir.resolve("plain.png"), 400, 300);

        assertThat(r.consoleMessages()).isEqualTo(List.of());
        assertThat(r.dom()).contains("<svg width=\"10\" height=\"10\"></svg>");
    }
}
