package microgpt.math;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
            Path file = Files.createTempFile("microgpt-libm-", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
            double[] four = {4.0};
            double[] two = new double[1];
            powAll(four, 0.5, two, 1);
            return exp(0) == 1.0 && two[0] == 2.0;   // calls that must work, so a broken or stale library is never used
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return false;
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase().replaceAll("[^a-z]", "");
        String arch = System.getProperty("os.arch", "").toLowerCase().replace("amd64", "x86_64");
        return os + "-" + arch;
    }
}
