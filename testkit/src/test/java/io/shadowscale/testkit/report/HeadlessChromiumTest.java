package io.shadowscale.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlessChromiumTest {
    @TempDir
    Path dir;

    @Test
    void failsNamingWhatToInstallWhenNoBrowserIsOnThePath() {
        assertThatThrownBy(() -> HeadlessChromium.find(Map.of("PATH", dir.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no headless browser: none of [chromium, chromium-browser, google-chrome] is on PATH=" + dir
                        + "; install Debian's chromium (apt-get install chromium), as .ci/run does");
    }

    @Test
    void failsWhenTheConfiguredBrowserIsNotAnExecutable() {
        Path missing = dir.resolve("chromium");
        assertThatThrownBy(() -> HeadlessChromium.find(Map.of("SHADOWSCALE_CHROMIUM", missing.toString())))
                .hasMessage("no headless browser: SHADOWSCALE_CHROMIUM=" + missing + " is not an executable file"
                        + "; install Debian's chromium (apt-get install chromium), as .ci/run does");
    }

    @Test
    void takesTheFirstNameFoundOnThePath() throws Exception {
        Path other = Files.createDirectories(dir.resolve("bin"));
        Path browser = Files.createFile(
                other.resolve("chromium-browser"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(HeadlessChromium.find(Map.of("PATH", dir + ":" + other)).binary())
                .isEqualTo(browser);
    }

    @Test
    void readsTheConsoleLinesOfChromiumsLog() {
        List<String> log = List.of(
                "[1:1:1202/060101.272912:ERROR:dbus/bus.cc:405] Failed to connect to the bus",
                "[1:1:1202/060101.272912:INFO:CONSOLE:3] \"boom\", source: file:///r.html (3)");

        assertThat(HeadlessChromium.console(log)).containsExactly("\"boom\", source: file:///r.html (3)");
    }
}
