package microgpt.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes files so that readers see the old one or the whole new one, never half of it.
 *
 * <p>Output goes only to a regular file or a new path: a directory, a device, a FIFO or a
 * symbolic link at the target is refused ({@link #problemWith}), because renaming over it would
 * replace the device or the link itself. A replaced file keeps its permissions; a new one gets
 * the usual ones (the umask decides).
 *
 * <p>The bytes go first to {@code .NAME.PID-N.microgpt-part} beside the target, then are renamed
 * over it in one step. A run killed in between leaves that file; the next write beside it
 * deletes the parts of processes that no longer run.
 */
public final class AtomicFile {

    /** How a temporary file's name ends, so that it is recognisable as ours. */
    public static final String PART_SUFFIX = ".microgpt-part";

    private static final AtomicLong PARTS = new AtomicLong();

    private AtomicFile() {}

    /**
     * Why {@code target} cannot take output, as the end of a sentence ("is a directory"), or
     * null when it can: a regular file or a new path, in a folder that exists and is writable
     * or can be created.
     */
    public static String problemWith(Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.isSymbolicLink(absolute)) {
            return "is a symbolic link; give the path of a regular file (the link itself would be replaced, not what it points to)";
        }
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) return "is a directory";
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return "is not a regular file (a device, FIFO or socket); only a regular file or a new path can be written";
        }
        Path folder = nearestExisting(absolute.getParent());
        if (folder == null) return "has no folder that exists above it";
        if (!Files.isDirectory(folder)) return "is under " + folder + ", which is a file, not a folder";
        if (!Files.isWritable(folder)) return "cannot be written: the folder " + folder + " is not writable";
        return null;
    }

    /** Writes one file atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        writeAll(Map.of(target, bytes));
    }

    /**
     * Writes several files so that a failure writes none: every file is written in full beside
     * its target first, and only then is each renamed into place (a rename within a folder does
     * not run out of space). A failure removes the parts already written.
     */
    public static void writeAll(Map<Path, byte[]> files) throws IOException {
        for (Path target : files.keySet()) {
            String problem = problemWith(target);   // checked again: the path may have changed since the caller checked
            if (problem != null) throw new IOException(target + " " + problem);
        }
        List<Path[]> written = new ArrayList<>();   // {part, target}
        try {
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                Path target = file.getKey().toAbsolutePath();
                written.add(new Path[] {writePart(target, file.getValue()), target});
            }
            for (Path[] file : written) {
                Files.move(file[0], file[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            for (Path[] file : written) Files.deleteIfExists(file[0]);
        }
    }

    /** The bytes in a new part file beside the target, on the disk, with the target's permissions if it exists. */
    private static Path writePart(Path target, byte[] bytes) throws IOException {
        Path folder = target.getParent();
        Files.createDirectories(folder);
        String name = target.getFileName().toString();
        deleteStaleParts(folder, name);
        Path part = folder.resolve("." + name + "." + ProcessHandle.current().pid() + "-" + PARTS.incrementAndGet() + PART_SUFFIX);
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            out.write(bytes);
            channel.force(true);   // on the disk before the rename makes it the file
            keepPermissions(target, part);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        return part;
    }

    /**
     * A replaced file keeps its mode (created with CREATE_NEW, the part has the umask's) and, where
     * this user may give it (root may, others only their own groups), its owner and group.
     */
    private static void keepPermissions(Path target, Path part) throws IOException {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) return;
        PosixFileAttributeView view = Files.getFileAttributeView(part, PosixFileAttributeView.class);
        if (view == null) return;
        PosixFileAttributes was = Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        view.setPermissions(was.permissions());
        try {
            if (!was.owner().equals(view.readAttributes().owner())) view.setOwner(was.owner());
            if (!was.group().equals(view.readAttributes().group())) view.setGroup(was.group());
        } catch (FileSystemException notPermitted) {
            // Not ours to give: the new file is this user's, as any editor's save would make it.
        }
    }

    /** Parts of this target left by a process that was killed before it could rename or delete them. */
    private static void deleteStaleParts(Path folder, String name) throws IOException {
        String prefix = "." + name + ".";
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                String file = entry.getFileName().toString();
                if (!file.startsWith(prefix) || !file.endsWith(PART_SUFFIX)) continue;
                String id = file.substring(prefix.length(), file.length() - PART_SUFFIX.length());
                long pid = ownerPid(id);
                if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                if (pid > 0) Files.deleteIfExists(entry);
            }
        }
    }

    /** "1234-5" → 1234; −1 when it is not a part name this class writes. */
    private static long ownerPid(String id) {
        int dash = id.indexOf('-');
        if (dash <= 0) return -1;
        try {
            Long.parseLong(id.substring(dash + 1));
            return Long.parseLong(id.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Path nearestExisting(Path folder) {
        while (folder != null && !Files.exists(folder)) folder = folder.getParent();
        return folder;
    }
}
