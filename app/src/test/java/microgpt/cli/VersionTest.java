package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import microgpt.math.Libm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @Test
    void versionNamesTheReleaseTheCommitAndTheLibm() throws Exception {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.lines();
        assertTrue(lines.get(0).matches("microgpt \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?, .*"), lines.get(0));
        String commit = gitShortHead();
        if (commit == null) {
            assertTrue(lines.get(0).endsWith(", unknown commit"), lines.get(0));
        } else {
            assertTrue(lines.get(0).matches(".*, commit " + commit + "( with uncommitted changes)?"),
                    lines.get(0) + " should name the checkout's commit " + commit);
        }
        assertEquals("libm: " + Libm.implementation(), lines.get(1));
        assertTrue(lines.get(2).startsWith("java: " + System.getProperty("java.version")), lines.get(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "sample", "bench", "gradcheck", "fidelity", "serve", "export-site"})
    void everySubcommandsVersionIsTheSame(String command) {
        CliRun run = CliRun.of(command, "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(CliRun.of("--version").out(), run.out());
    }

    @Test
    void aBuildOutsideGitHasAnUnknownCommit() {
        Properties build = new Properties();
        build.setProperty("version", "1.2.3");
        build.setProperty("commit", "unknown");
        assertEquals("microgpt 1.2.3, unknown commit", VersionProvider.release(build));
        build.setProperty("commit", "abc1234");
        assertEquals("microgpt 1.2.3, commit abc1234", VersionProvider.release(build));
        build.setProperty("modified", "true");
        assertEquals("microgpt 1.2.3, commit abc1234 with uncommitted changes", VersionProvider.release(build));
        assertEquals("microgpt (unknown version), unknown commit", VersionProvider.release(new Properties()));
    }

    /** The commit the tests run on (the build wrote it moments ago), or null outside a git checkout. */
    private static String gitShortHead() throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? out : null;
        } catch (IOException noGit) {
            return null;
        }
    }
}
