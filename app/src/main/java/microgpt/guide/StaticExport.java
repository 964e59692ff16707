package microgpt.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
 * or holds a previous export (recognised by its marker file, which lists every file that export
 * wrote), checked before the long computation and again right before the swap; of the previous
 * export it deletes only the files its marker lists, never someone's other files. Folders and
 * files get the permissions the umask gives, so a web server running as another user can read them.
 */
public final class StaticExport {

    /** The file that marks a folder as written by this export; it lists the files the export wrote. */
    public static final String MARKER = ".microgpt-export";

    /** In the marker, the line after which the written files are listed, one per line. */
    static final String FILES_HEADING = "files:";

    /** The target cannot be written: it is not a folder, or holds files that are not ours. */
    public static final class RefusedException extends IllegalArgumentException {
        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * What was written. {@code keptAside} is null, or the previous export's folder, moved aside
     * because it held files that export had not written (only an export from before markers
     * listed files can hold them): those are left for the user to look at.
     */
    public record Summary(int pages, int files, Path keptAside) {}

    private final Guide guide;

    /** Why a build without the engine compiled for the browser cannot export. */
    public static final String EXPORT_NEEDS_THE_ENGINE = "every exported page computes with the engine compiled for the "
            + "browser, and " + Guide.NO_BROWSER_ENGINE;

    public StaticExport(Guide guide) {
        this.guide = guide;
    }

    public Summary writeTo(Path target) throws IOException {
        checkTarget(target);
        if (!guide.hasBrowserEngine()) throw new IllegalStateException(EXPORT_NEEDS_THE_ENGINE);   // before any work
        Path dir = target.toAbsolutePath().normalize();
        guide.numbers().computeAll();   // the slow part first, before anything touches the disk
        Files.createDirectories(dir.getParent());
        // createDirectory, not createTempDirectory: the folder becomes the site, and must not be 0700
        Path partial = Files.createDirectory(dir.resolveSibling("." + dir.getFileName() + ".partial-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime()));
        try {
            List<String> written = writeSite(partial);
            Path keptAside = swapIn(dir, partial, written);
            return new Summary(guide.site().pages().size(), written.size(), keptAside);
        } finally {
            deleteRecursively(partial);
        }
    }

    /**
     * Refuses (before any work) an empty path, a path under a file or in a folder that cannot
     * be written, and a target that is not a folder or holds files that are not a previous export's.
     */
    public static void checkTarget(Path target) throws IOException {
        if (target.toString().isEmpty()) throw new RefusedException("the folder to export to is empty text: name one, such as site");
        Path dir = target.toAbsolutePath().normalize();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path above = dir.getParent();
            while (above != null && !Files.exists(above)) above = above.getParent();
            if (above == null || !Files.isDirectory(above)) throw new RefusedException(dir + " is under " + above + ", which is a file, not a folder");
            if (!Files.isWritable(above)) throw new RefusedException(dir + " cannot be made: the folder " + above + " is not writable");
            return;
        }
        if (Files.isSymbolicLink(dir)) throw new RefusedException(dir + " is a symbolic link; give the folder itself");
        if (!Files.isDirectory(dir)) throw new RefusedException(dir + " exists and is not a folder");
        if (!Files.isWritable(dir.getParent())) {   // the swap renames dir: its parent must be writable
            throw new RefusedException(dir + " cannot be replaced: the folder " + dir.getParent() + " is not writable");
        }
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new RefusedException(dir + " is not empty and does not hold a previous export of the guide; "
                            + "choose a new or empty folder");
                }
            }
            return;
        }
        List<String> listed = listedFiles(marker);
        if (listed == null) return;   // an export from before markers listed files: see swapIn
        for (String file : filesUnder(dir)) {
            if (!file.equals(MARKER) && !listed.contains(file)) {
                throw new RefusedException(dir + " holds a previous export and " + file + ", which no export wrote; "
                        + "move it out of the folder, or choose another folder");
            }
        }
    }

    private List<String> writeSite(Path root) throws IOException {
        List<String> written = new ArrayList<>();
        FirstAnswers firstAnswers = FirstAnswers.guide();
        for (Page page : guide.site().pages()) {
            String answers = firstAnswers.json(page.url(), guide.queries());
            write(root, page.url().substring(1) + "index.html", guide.renderer().render(page, Links.Style.FILES, answers), written);
        }
        for (String asset : guide.assets().list()) {
            write(root, "assets/" + asset, guide.assets().readBytes(asset).orElseThrow(), written);
        }
        for (WebJars.ExportedFolder library : WebJars.exported()) {
            java.util.List<String> included = library.from().list().stream().filter(library.include()).toList();
            if (included.isEmpty()) throw new IllegalStateException("no files found in WebJar folder " + library.from().root());
            for (String file : included) write(root, library.to() + file, library.from().readBytes(file).orElseThrow(), written);
        }
        write(root, Guide.WIDGET_MANIFEST, guide.widgetManifestJson(false), written);   // no server: the widgets ask the engine in the browser
        for (int step = 0; step < Steps.COUNT; step++) write(root, RunData.path(step), guide.runJson(step), written);
        for (String file : guide.browserEngine().list()) write(root, "engine/" + file, guide.browserEngine().readBytes(file).orElseThrow(), written);
        for (String path : SiteFiles.paths()) write(root, path, guide.siteFile(path).orElseThrow(), written);
        writeMarker(root, written);
        return written;
    }

    /** The marker: what it is, then every file this export wrote, so the next export knows what it may delete. */
    static void writeMarker(Path root, List<String> written) throws IOException {
        StringBuilder text = new StringBuilder("Written by `microgpt export-site`; the next export may replace this folder.\n"
                + "It deletes only the files listed here, which this export wrote.\n" + FILES_HEADING + "\n");
        for (String file : written.stream().sorted().toList()) text.append(file).append('\n');
        Files.writeString(root.resolve(MARKER), text);
    }

    /** The files a marker lists, or null for a marker from before markers listed them. */
    static List<String> listedFiles(Path marker) throws IOException {
        List<String> lines = Files.readAllLines(marker);
        int heading = lines.indexOf(FILES_HEADING);
        return heading < 0 ? null : List.copyOf(lines.subList(heading + 1, lines.size()));
    }

    /** Every file and link under dir, as a relative path with '/' (folders are not listed). */
    private static List<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace(java.io.File.separatorChar, '/')).toList();
        }
    }

    private static void write(Path root, String relativePath, String text, List<String> written) throws IOException {
        write(root, relativePath, text.getBytes(StandardCharsets.UTF_8), written);
    }

    private static void write(Path root, String relativePath, byte[] bytes, List<String> written) throws IOException {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root)) throw new IllegalStateException("refusing to write outside the export: " + relativePath);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        written.add(relativePath);
    }

    /**
     * Swaps the finished export into place, having checked the target again (a minute of training
     * has passed since the first check): the old export is moved aside, the new one moved in, and
     * of the old one only the files its marker lists are deleted. Returns the old folder if
     * anything else was left in it (then it is kept), else null.
     */
    static Path swapIn(Path dir, Path partial, List<String> written) throws IOException {
        checkTarget(dir);
        Path old = null;
        if (Files.exists(dir)) {
            old = dir.resolveSibling("." + dir.getFileName() + ".old-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            move(dir, old);
        }
        try {
            move(partial, dir);
        } catch (IOException e) {
            if (old != null) move(old, dir);   // put the previous export back
            throw e;
        }
        if (old == null) return null;
        List<String> ours = Files.exists(old.resolve(MARKER)) ? listedFiles(old.resolve(MARKER)) : List.of();
        return deleteOnly(old, ours != null ? ours : written) ? null : old;
    }

    /** Deletes the listed files and the marker, then the folders left empty; true if nothing else remained. */
    private static boolean deleteOnly(Path old, List<String> files) throws IOException {
        for (String file : files) {
            Path path = old.resolve(file).normalize();
            if (path.startsWith(old)) Files.deleteIfExists(path);
        }
        Files.deleteIfExists(old.resolve(MARKER));
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(old)) {
            folders = walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path folder : folders) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isEmpty()) Files.delete(folder);
            }
        }
        return !Files.exists(old);
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
