package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                    || text.contains("java --enable-native-access=ALL-UNNAMED ${jit[@]+\"${jit[@]}\"} ${MICROGPT_JAVA_OPTS:-} -jar"),
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
        String function = Files.readString(ROOT.resolve("microgpt"))
                .replaceAll("(?s).*?(quick_command\\(\\) \\{.*?\n\\}\n).*", "$1");
        assertTrue(function.startsWith("quick_command() {"), "the script defines quick_command");
        Process bash = new ProcessBuilder("/bin/bash", "-c", function + "quick_command " + args).inheritIO().start();
        return bash.waitFor();
    }
}
