package microgpt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import microgpt.math.Libm;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: the release and the git commit this build was made from (both
 * written into microgpt/build.properties by the build), and which exp/log/pow the engine uses,
 * since that decides whether its numbers match CPython's to the last bit.
 */
final class VersionProvider implements IVersionProvider {

    static final String BUILD_PROPERTIES = "/microgpt/build.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            release(buildProperties()),
            "libm: " + Libm.implementation(),
            "java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        };
    }

    /** "microgpt 0.1.0, commit 555a1de"; a build outside a git checkout has an unknown commit. */
    static String release(Properties build) {
        String version = build.getProperty("version", "(unknown version)");
        String commit = build.getProperty("commit", "unknown");
        String built = commit.equals("unknown") ? "unknown commit" : "commit " + commit;
        if (Boolean.parseBoolean(build.getProperty("modified"))) built += " with uncommitted changes";
        return "microgpt " + version + ", " + built;
    }

    /** Empty when the classes were built without Maven (an IDE), which writes no build.properties. */
    static Properties buildProperties() {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build;
    }
}
