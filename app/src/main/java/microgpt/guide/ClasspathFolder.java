package microgpt.guide;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder of resources on the class path, read the same way whether the app runs from
 * {@code target/classes} (tests, development) or from inside the shaded jar (users).
 *
 * <p>The class loader can open one resource by name but cannot list a folder; listing needs the
 * folder as a {@link Path}, which for a jar means opening the jar as a zip file system.
 */
public final class ClasspathFolder {

    private final String root;     // e.g. "guide/pages/", always ending in '/'
    private final String anchor;   // a file known to be in the folder, or null

    public ClasspathFolder(String root) {
        this(root, null);
    }

    /**
     * A folder found through a file known to be in it. Some jars (WebJars among them) have no
     * entries for their folders, and the class loader only finds what has an entry.
     */
    public ClasspathFolder(String root, String anchor) {
        this.root = root.endsWith("/") ? root : root + "/";
        this.anchor = anchor;
    }

    public String root() {
        return root;
    }

    /** The text of {@code relativePath}, if the resource exists. */
    public Optional<String> readText(String relativePath) {
        return readBytes(relativePath).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    public Optional<byte[]> readBytes(String relativePath) {
        try (InputStream in = loader().getResourceAsStream(root + relativePath)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + root + relativePath, e);
        }
    }

    /** Every file below the folder, as paths relative to it with '/' separators, sorted. */
    public List<String> list() {
        URL url = loader().getResource(root);
        if (url == null && anchor != null && loader().getResource(root + anchor) != null) {
            String file = loader().getResource(root + anchor).toString();
            url = toUrl(file.substring(0, file.length() - anchor.length()));
        }
        if (url == null) return List.of();
        try {
            URI uri = url.toURI();
            Path folder = "jar".equals(uri.getScheme()) ? zipFileSystem(uri).provider().getPath(uri) : Path.of(uri);
            try (Stream<Path> files = Files.walk(folder)) {
                return files.filter(Files::isRegularFile)
                        .map(file -> folder.relativize(file).toString().replace('\\', '/'))
                        .sorted()
                        .toList();
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unexpected resource URL " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list resources under " + root, e);
        }
    }

    private static URL toUrl(String spec) {
        try {
            return URI.create(spec).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(spec, e);
        }
    }

    /** Opens the jar once per process; later callers share the open file system. */
    private static synchronized FileSystem zipFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }

    private static ClassLoader loader() {
        return ClasspathFolder.class.getClassLoader();
    }
}
