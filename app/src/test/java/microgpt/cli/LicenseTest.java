package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The licence ships inside the application: the app's classes come with META-INF/LICENSE, the
 * repository's LICENSE. (That the shaded jar keeps ours rather than a library's file of the same
 * name is checked on the jar itself, by PackagedJarIT.)
 */
class LicenseTest {

    @Test
    void theAppsClassesComeWithTheRepositorysLicense() throws IOException, URISyntaxException {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path shipped = classes.resolve("META-INF").resolve("LICENSE");
        assertTrue(Files.isRegularFile(shipped), shipped + " is missing");
        assertEquals(Files.readString(Path.of("..", "LICENSE")), Files.readString(shipped));
    }

    @Test
    void theLicenceIsMitAndNamesWhatTheProjectBuildsOn() throws IOException {
        String licence = Files.readString(Path.of("..", "LICENSE"));
        assertTrue(licence.startsWith("MIT License\n\nCopyright (c) 2026 the MicroGPT Visualized authors\n"), licence);
        assertTrue(licence.contains("makemore"), "names the data set's source");
        assertTrue(licence.contains("microgpt"), "names the algorithm's source");
    }
}
