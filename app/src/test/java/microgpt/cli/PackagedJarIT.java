package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar a user runs, app/target/microgpt.jar, as 'package' left it: run by failsafe after
 * packaging (mvnw verify), never by the unit-test run, which comes before the jar exists.
 */
class PackagedJarIT {

    static final Path JAR = Path.of("target", "microgpt.jar");

    /** A JDK 24 or newer, where loading a JNI library warns unless native access is enabled. */
    static final Path NEW_JDK = Path.of(System.getProperty("microgpt.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    @Test
    void theManifestNamesTheLicenceTheVersionAndNativeAccess() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("microgpt.cli.Main", manifest.getValue("Main-Class"));
            assertEquals("MIT", manifest.getValue("License"));
            assertEquals("MicroGPT Visualized", manifest.getValue("Implementation-Title"));
            assertNotNull(manifest.getValue("Implementation-Version"));
            assertEquals("ALL-UNNAMED", manifest.getValue("Enable-Native-Access"));
        }
    }

    /** Several libraries ship a META-INF/LICENSE too; the shaded jar must keep ours. */
    @Test
    void metaInfLicenseIsTheProjectsLicense() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            ZipEntry entry = jar.getEntry("META-INF/LICENSE");
            assertNotNull(entry, "META-INF/LICENSE is missing");
            try (InputStream in = jar.getInputStream(entry)) {
                assertEquals(Files.readString(Path.of("..", "LICENSE")), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void onJdk24AndNewerJavaJarPrintsNoNativeAccessWarning() throws Exception {
        Path java = NEW_JDK.resolve("bin").resolve("java");
        assumeTrue(Files.isExecutable(java), "no JDK 24+ at " + NEW_JDK + " (set -Dmicrogpt.jdk25=DIR to name one)");
        Run run = run(List.of(java.toString(), "-jar", JAR.toString(), "train", "--step", "5", "--steps", "3", "--samples", "1",
                "--data", CliRun.DATA));
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.err().contains("WARNING"), run.err());
    }

    /** The commit is written at build time, so the jar must carry it (a commit or "unknown commit"). */
    @Test
    void versionFromTheJarNamesACommitAndTheLibm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Run run = run(List.of(java.toString(), "-jar", JAR.toString(), "--version"));
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("microgpt \\S+, (commit [0-9a-f]{7,}( with uncommitted changes)?|unknown commit)"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("libm: "), lines.get(1));
    }

    record Run(int exitCode, String out, String err) {}

    static Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("microgpt-it-", ".out");
        Path err = Files.createTempFile("microgpt-it-", ".err");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in 120 s");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
