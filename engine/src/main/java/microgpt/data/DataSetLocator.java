package microgpt.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Finds names.txt. In order: the file the user named, {@code $MICROGPT_DATA}, the user cache
 * ({@code ~/.cache/microgpt/names.txt}), and last a download of the pinned file, checked
 * against its SHA-256 and moved into the cache in one step so that no half-written file can
 * ever be found there.
 */
public final class DataSetLocator {

    public static final URI PINNED_SOURCE = URI.create("https://raw.githubusercontent.com/karpathy/makemore/"
            + "988aa59e4d8fefa526d06f3b453ad116258398d4/names.txt");
    public static final String PINNED_SHA256 = "0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d";

    private final String environmentValue;
    private final Path cacheFile;
    private final URI source;
    private final String sha256;

    public DataSetLocator(String environmentValue, Path cacheFile, URI source, String sha256) {
        this.environmentValue = environmentValue;
        this.cacheFile = cacheFile;
        this.source = source;
        this.sha256 = sha256;
    }

    /** The locator as a user's machine has it: their environment, their cache, the real source. */
    public static DataSetLocator standard() {
        return new DataSetLocator(System.getenv("MICROGPT_DATA"), defaultCacheFile(), PINNED_SOURCE, PINNED_SHA256);
    }

    public static Path defaultCacheFile() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cacheRoot = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cacheRoot.resolve("microgpt").resolve("names.txt");
    }

    /** The path of the data set; downloads it into the cache when nothing else is found. */
    public Path locate(Path explicitFile) {
        if (explicitFile != null) return mustExist(explicitFile, "--data");
        if (environmentValue != null && !environmentValue.isBlank()) {
            return mustExist(Path.of(environmentValue), "$MICROGPT_DATA");
        }
        if (Files.isRegularFile(cacheFile)) return cacheFile;
        return download();
    }

    /**
     * The data set from the sources on this machine, in the same order, never downloaded:
     * {@code explicit} (may be null), {@code $MICROGPT_DATA}, the user cache, then {@code fallback}
     * (may be null). The tests find names.txt this way, so a clone anywhere passes when the user
     * has told the command line where the file is.
     */
    public java.util.Optional<Path> findLocally(Path explicit, Path fallback) {
        if (explicit != null) return java.util.Optional.of(mustExist(explicit, "-Dmicrogpt.data"));
        if (environmentValue != null && !environmentValue.isBlank()) {
            return java.util.Optional.of(mustExist(Path.of(environmentValue), "$MICROGPT_DATA"));
        }
        if (Files.isRegularFile(cacheFile)) return java.util.Optional.of(cacheFile);
        if (fallback != null && Files.isRegularFile(fallback)) return java.util.Optional.of(fallback);
        return java.util.Optional.empty();
    }

    /**
     * names.txt for the tests and benchmarks of every module: {@code -Dmicrogpt.data}, then
     * {@code $MICROGPT_DATA}, the user cache, then {@code -Dmicrogpt.data.fallback} (the build sets
     * it to ../shared/data/names.txt beside the clone, where CI has it). Never downloaded; when
     * none has it, one line says where it looked.
     */
    public static Path forTests() {
        String explicit = System.getProperty("microgpt.data");
        String fallback = System.getProperty("microgpt.data.fallback");
        DataSetLocator locator = standard();
        return locator.findLocally(blank(explicit) ? null : Path.of(explicit), blank(fallback) ? null : Path.of(fallback))
                .orElseThrow(() -> new DataSetException("no names.txt for the tests: set MICROGPT_DATA to the file, or put it at "
                        + locator.cacheFile + (fallback == null ? "" : ", or at " + fallback)));
    }

    /** An unset Maven property reaches the tests as an empty string, which must mean "not given". */
    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Path mustExist(Path file, String from) {
        if (!Files.exists(file)) throw new DataSetException("data set " + file + " (from " + from + ") does not exist");
        return file;
    }

    private Path download() {
        byte[] body;
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new DataSetException(cannotGet("the server answered HTTP " + response.statusCode()));
            }
            body = response.body();
        } catch (IOException e) {
            throw new DataSetException(cannotGet(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataSetException(cannotGet("interrupted"), e);
        }
        String actual = sha256Hex(body);
        if (!actual.equals(sha256)) {
            throw new DataSetException(cannotGet("its SHA-256 is " + actual + ", expected " + sha256));
        }
        return writeAtomically(body);
    }

    private Path writeAtomically(byte[] body) {
        try {
            AtomicFile.write(cacheFile, body);
            return cacheFile;
        } catch (IOException e) {
            throw new DataSetException("downloaded the data set but could not write " + cacheFile + ": " + e.getMessage(), e);
        }
    }

    private String cannotGet(String reason) {
        return "no data set found and the download from " + source + " failed (" + reason + "). "
                + "Pass --data FILE, set MICROGPT_DATA, or put names.txt at " + cacheFile;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
