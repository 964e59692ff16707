package microgpt.math;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;

/**
 * The platform C library's functions, through a five-line JNI shim (src/main/c) that the build
 * compiles when a C compiler is present. CPython calls the same functions, so these return
 * exactly what Python returns on the same machine.
 */
final class NativeLibm {

    private NativeLibm() {}

    static native double exp(double x);
    static native double log(double x);
    static native double pow(double x, double y);
    static native double sin(double x);
    static native double cos(double x);
    static native void powAll(double[] x, double y, double[] out, int n);

    private static final String RESOURCE = "/native/" + platform() + "/libmicrogpt_libm.so";

    /** Loads the shim from the jar; false when this platform has none (then Libm stays in Java). */
    static boolean load() {
        try (InputStream in = NativeLibm.class.getResourceAsStream(RESOURCE)) {
            if (in == null) return false;
            Path file = newPrivateFile();
            file.toFile().deleteOnExit();
            try (var out = Files.newOutputStream(file)) {    // into the file just made: it keeps its permissions
                in.transferTo(out);
            }
            System.load(file.toAbsolutePath().toString());
            double[] four = {4.0};
            double[] two = new double[1];
            powAll(four, 0.5, two, 1);
            return exp(0) == 1.0 && two[0] == 2.0;   // calls that must work, so a broken or stale library is never used
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return false;
        }
    }

    /**
     * A new file only this user can read, in the temporary folder. Named by the clock rather than
     * by {@code Files.createTempFile}, whose random name starts a SecureRandom (20 ms of a short
     * run; asking the process's id starts a thread pool). A name already taken, by another run in
     * the same nanosecond, or a file system without POSIX permissions falls back to createTempFile.
     */
    private static Path newPrivateFile() throws IOException {
        String name = "microgpt-libm-" + System.nanoTime() + ".so";
        try {
            return Files.createFile(Path.of(System.getProperty("java.io.tmpdir"), name),
                    PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        } catch (IOException | UnsupportedOperationException e) {
            return Files.createTempFile("microgpt-libm-", ".so");
        }
    }

    /** "linux-x86_64", "macosx-aarch64", …: the OS name's letters, lower case, and the architecture. */
    private static String platform() {
        StringBuilder os = new StringBuilder();
        for (char c : System.getProperty("os.name", "").toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z') os.append(c);    // a loop, not a regex: no regex engine to start for this
        }
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).replace("amd64", "x86_64");
        return os + "-" + arch;
    }
}
