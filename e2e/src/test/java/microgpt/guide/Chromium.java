package microgpt.guide;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, headless. Playwright never downloads a browser here.
 * Without Chromium the browser tests are skipped on a developer's machine, but fail in CI
 * (CI=true), where a skipped end-to-end test would hide a broken guide. Public for the browser
 * benchmark ({@code microgpt.bench.BrowserBench}).
 */
public final class Chromium implements AutoCloseable {

    static final List<String> ARGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    public final Playwright playwright;
    public final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        Path executable = executable();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable).setHeadless(true).setArgs(ARGS));
        return new Chromium(playwright, browser);
    }

    /** The path {@code command -v chromium} prints, or a skip (a failure in CI) when there is none. */
    static Path executable() {
        String found = "";
        try {
            Process which = new ProcessBuilder("sh", "-c", "command -v chromium").redirectErrorStream(true).start();
            found = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            which.waitFor();
        } catch (IOException e) {
            found = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean present = !found.isEmpty() && Files.isExecutable(Paths.get(found));
        if (!present) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("chromium is not installed: the browser tests must run in CI (apt-get install -y chromium)");
            }
            assumeTrue(false, "chromium is not installed; skipping the browser tests");
        }
        return Paths.get(found);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
