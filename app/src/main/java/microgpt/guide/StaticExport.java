package microgpt.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import microgpt.steps.Steps;

/**
 * The guide as plain files: every page as {@code …/index.html} with relative links, the assets
 * and libraries it loads, the runs its charts read as JSON, and the engine compiled for the
 * browser with the files it reads ({@link SiteFiles}: the data set, the trained models, the
 * CPython reference), so every widget and the Playground work with no Java running. Any static
 * file server can host it, under any path prefix.
 *
 * <p>The export is written into a temporary folder beside the target and moved into place at
 * the end, so a failed export never leaves half a site. It replaces only a folder that is empty
 * or holds a previous export (recognised by its marker file), never someone's other files.
 */
public final class StaticExport {

    /** The file that marks a folder as written by this export. */
    public static final String MARKER = ".microgpt-export";

    /** The target cannot be written: it is not a folder, or holds files that are not ours. */
    public static final class RefusedException extends IllegalArgumentException {
        RefusedException(String message) {
            super(message);
        }
    }

    /** What was written. */
    public record Summary(int pages, int files) {}

    private final Guide guide;

    public StaticExport(Guide guide) {
        this.guide = guide;
    }

    public Summary writeTo(Path target) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        checkTarget(dir);
        guide.numbers().computeAll();   // the slow part first, before anything touches the disk
        Files.createDirectories(dir.getParent());
        Path partial = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".partial-");
        try {
            Summary summary = writeSite(partial);
            replace(dir, partial);
            return summary;
        } finally {
            deleteRecursively(partial);
        }
    }

    /** Refuses (before any work) a target that is not a folder, or holds files that are not a previous export. */
    public static void checkTarget(Path target) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        if (!Files.exists(dir)) return;
        if (!Files.isDirectory(dir)) throw new RefusedException(dir + " exists and is not a folder");
        if (Files.exists(dir.resolve(MARKER))) return;
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new RefusedException(dir + " is not empty and does not hold a previous export of the guide; "
                        + "choose a new or empty folder");
            }
        }
    }

    private Summary writeSite(Path root) throws IOException {
        int files = 0;
        int pages = 0;
        for (Page page : guide.site().pages()) {
            write(root, page.url().substring(1) + "index.html", guide.renderer().render(page, Links.Style.FILES));
            pages++;
            files++;
        }
        for (String asset : guide.assets().list()) {
            write(root, "assets/" + asset, guide.assets().readBytes(asset).orElseThrow());
            files++;
        }
        for (WebJars.ExportedFolder library : WebJars.exported()) {
            java.util.List<String> included = library.from().list().stream().filter(library.include()).toList();
            if (included.isEmpty()) throw new IllegalStateException("no files found in WebJar folder " + library.from().root());
            for (String file : included) {
                byte[] bytes = library.from().readBytes(file).orElseThrow();
                write(root, library.to() + file, bytes);
                files++;
            }
        }
        write(root, Guide.WIDGET_MANIFEST, guide.widgetManifestJson(false));   // no server: the widgets ask the engine in the browser
        for (int step = 0; step < Steps.COUNT; step++) {
            write(root, RunData.path(step), guide.runJson(step));
            files++;
        }
        List<String> engineFiles = guide.browserEngine().list();
        if (!engineFiles.contains("microgpt.wasm")) throw new IllegalStateException("the browser engine (guide/engine/microgpt.wasm) is not on the class path");
        for (String file : engineFiles) {
            write(root, "engine/" + file, guide.browserEngine().readBytes(file).orElseThrow());
            files++;
        }
        for (String path : SiteFiles.paths()) {
            write(root, path, guide.siteFile(path).orElseThrow());
            files++;
        }
        write(root, MARKER, "Written by `microgpt export-site`; the next export may replace this folder.\n");
        return new Summary(pages, files + 2);
    }

    private static void write(Path root, String relativePath, String text) throws IOException {
        write(root, relativePath, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path root, String relativePath, byte[] bytes) throws IOException {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root)) throw new IllegalStateException("refusing to write outside the export: " + relativePath);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** Swaps the finished export into place: the old export is moved aside first, then deleted. */
    private static void replace(Path dir, Path partial) throws IOException {
        Path old = null;
        if (Files.exists(dir)) {
            old = dir.resolveSibling("." + dir.getFileName() + ".old-" + System.nanoTime());
            move(dir, old);
        }
        try {
            move(partial, dir);
        } catch (IOException e) {
            if (old != null) move(old, dir);   // put the previous export back
            throw e;
        }
        if (old != null) deleteRecursively(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
