package microgpt.cli;

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
                    || text.contains("java --enable-native-access=ALL-UNNAMED ${MICROGPT_JAVA_OPTS:-} -jar"), script);
            assertTrue(text.replace('\\', '/').contains("../shared/data/names.txt"), script);
            assertTrue(text.contains("package -pl app -am"), script + " builds the jar when it is missing");
        }
    }
}
