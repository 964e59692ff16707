package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launchers at the repository root, read rather than run (this machine has no cmd.exe): the
 * Windows pair must keep saying what the shell pair says.
 */
class LaunchersTest {

    static final Path ROOT = Path.of("..");

    @Test
    void mvnwCmdIsTheWrapperVersionThePropertiesName() throws IOException {
        String properties = Files.readString(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"));
        Matcher version = Pattern.compile("wrapperVersion=(\\S+)").matcher(properties);
        assertTrue(version.find(), properties);
        for (String script : new String[] {"mvnw", "mvnw.cmd"}) {
            assertTrue(Files.readString(ROOT.resolve(script)).contains("Apache Maven Wrapper startup batch script, version "
                    + version.group(1)),
                    script + " is not wrapper " + version.group(1) + ": regenerate it with the wrapper plugin");
        }
    }

    @Test
    void bothLaunchersEnableNativeAccessAndFindTheSharedDataSet() throws IOException {
        for (String script : new String[] {"microgpt", "microgpt.cmd"}) {
            String text = Files.readString(ROOT.resolve(script));
            assertTrue(text.contains("java --enable-native-access=ALL-UNNAMED %MICROGPT_JAVA_OPTS% -jar")
                    || text.contains("java --enable-native-access=ALL-UNNAMED ${jit[@]+\"${jit[@]}\"} ${aot[@]+\"${aot[@]}\"} "
                            + "${MICROGPT_JAVA_OPTS:-} -jar"),
                    script);
            assertTrue(text.replace('\\', '/').contains("../shared/data/names.txt"), script);
            assertTrue(text.contains("package -pl app -am"), script + " builds the jar when it is missing");
        }
    }

    /**
     * The script's rule for the quick compiler (C1 only): short training runs, sampling and
     * gradcheck; not long runs, --epochs, the server or bench. Runs the script's own function.
     */
    @Test
    void theScriptRunsShortCommandsWithTheQuickCompilerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash here");
        String[] quick = {"train", "train --step 5", "train --steps 3000", "train --steps=200 --step 3",
            "sample --load m.safetensors", "gradcheck --name ava"};
        String[] notQuick = {"train --steps 3001", "train --steps=20000", "train --step 5 --epochs 2", "train --epochs=1",
            "train --steps lots", "serve", "bench", "export-site out", ""};
        for (String args : quick) assertEquals(0, quickCommand(args), args);
        for (String args : notQuick) assertEquals(1, quickCommand(args), args);
    }

    private static int quickCommand(String args) throws Exception {
        String function = scriptFunction("quick_command");
        Process bash = new ProcessBuilder("/bin/bash", "-c", function + "quick_command " + args).inheritIO().start();
        return bash.waitFor();
    }

    /**
     * The script's start-up cache for JDK 25+ (aot_cache), run against a stand-in JDK: a
     * {@code bin/java} that logs its arguments and writes the file -XX:AOTCacheOutput names, and
     * a {@code release} file saying which version it is.
     */
    @Test
    void onJava25TheScriptRecordsAStartUpCacheOncePerJarAndUsesIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash here");
        Path jar = Files.createDirectories(dir.resolve("app/target")).resolve("microgpt.jar");
        Files.writeString(jar, "jar");
        Path data = Files.writeString(dir.resolve("names.txt"), "emma\n");
        Path cache = dir.resolve("app/target/microgpt-java-25.0.3+9-LTS.aot");
        String options = "-XX:AOTCache=" + cache + " -Xlog:aot=off -Xlog:cds=off";

        Path jdk = fakeJdk(dir.resolve("jdk25"), "JAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"", 0);
        assertEquals(options, aotCache(dir, jdk, data));
        String log = Files.readString(jdk.resolve("calls"));
        assertTrue(log.contains("-jar " + jar + " train --step 5 --steps 300 --quiet"), log);
        assertTrue(log.contains("-XX:AOTCacheOutput=" + cache + "."), log);
        assertTrue(Files.isRegularFile(cache), "the cache is in place");

        assertEquals(options, aotCache(dir, jdk, data));
        assertEquals(1, Files.readAllLines(jdk.resolve("calls")).size(), "recorded once, then reused");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertEquals(options, aotCache(dir, jdk, data));
        assertEquals(2, Files.readAllLines(jdk.resolve("calls")).size(), "a newer jar is recorded again");

        Path jdk17 = fakeJdk(dir.resolve("jdk17"), "JAVA_VERSION=\"17.0.15\"", 0);
        assertEquals("", aotCache(dir, jdk17, data), "JDK 17 has no AOT cache");
        assertTrue(Files.notExists(jdk17.resolve("calls")));

        Path failing = fakeJdk(dir.resolve("jdk26"), "JAVA_RUNTIME_VERSION=\"26-ea+3\"", 1);
        assertEquals("", aotCache(dir, failing, data), "a failed recording is no cache");
        assertEquals("", aotCache(dir, failing, dir.resolve("absent.txt")), "without the data set nothing is recorded");
        assertEquals(1, Files.readAllLines(failing.resolve("calls")).size());
        try (var left = Files.list(dir.resolve("app/target"))) {
            assertEquals(List.of("microgpt-java-25.0.3+9-LTS.aot", "microgpt.jar"),
                    left.map(f -> f.getFileName().toString()).sorted().toList(), "no partial file is left behind");
        }
    }

    private static Path fakeJdk(Path home, String release, int exitCode) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\n" + release + "\n");
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/bash\n"
                + "echo \"$*\" >> '" + home.resolve("calls") + "'\n"
                + "for a in \"$@\"; do case \"$a\" in -XX:AOTCacheOutput=*) echo cache > \"${a#-XX:AOTCacheOutput=}\" ;; esac; done\n"
                + "exit " + exitCode + "\n");
        java.toFile().setExecutable(true);
        return home;
    }

    /** The definition of a shell function of the microgpt script, from its name to the closing brace. */
    private static String scriptFunction(String name) throws IOException {
        String function = Files.readString(ROOT.resolve("microgpt"))
                .replaceAll("(?s).*?\n(" + name + "\\(\\) \\{.*?\n\\}\n).*", "$1");
        assertTrue(function.startsWith(name + "() {"), "the script defines " + name);
        return function;
    }

    /** Runs the script's aot_cache with the given JDK first on the PATH; returns the options it chose. */
    private static String aotCache(Path root, Path jdk, Path data) throws Exception {
        String functions = scriptFunction("java_release") + scriptFunction("aot_cache");
        ProcessBuilder bash = new ProcessBuilder("/bin/bash", "-c", "set -euo pipefail\n" + functions
                + "root='" + root + "'; jar=\"$root/app/target/microgpt.jar\"; aot=()\naot_cache\necho \"${aot[*]}\"");
        bash.environment().put("PATH", jdk.resolve("bin") + ":" + System.getenv("PATH"));
        bash.environment().put("MICROGPT_DATA", data.toString());
        bash.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    /** What the script passes a JDK 25+ makes no sound when the cache is missing, stale or not a cache. */
    @Test
    void java25IsSilentAboutACacheThatDoesNotFit(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path java = PackagedJarIT.NEW_JDK.resolve("bin/java");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(java),
                "no JDK 25 at " + PackagedJarIT.NEW_JDK + " (set -Dmicrogpt.jdk25=DIR to name one)");
        Path notACache = Files.writeString(dir.resolve("bad.aot"), "not a cache");
        for (Path cache : new Path[] {dir.resolve("missing.aot"), notACache}) {
            Process process = new ProcessBuilder(java.toString(), "-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off",
                    "-version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.waitFor(), out);
            assertTrue(out.lines().allMatch(line -> line.contains("version") || line.contains("Runtime Environment")
                    || line.contains("Server VM")), out);
        }
    }
}
