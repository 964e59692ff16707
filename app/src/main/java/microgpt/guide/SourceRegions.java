package microgpt.guide;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts named regions out of the engine's real Java source, the way the pages show code.
 *
 * <p>A region is the lines between {@code // region NAME} and its matching {@code // endregion}.
 * Regions may nest ({@code gpt} holds {@code embeddings}, {@code qkv}, …); the marker lines of
 * nested regions are left out of what is shown. The source is packaged into the app under
 * {@code engine-src/} at build time and read at run time, so a page can never show code that
 * differs from the code that runs.
 */
public final class SourceRegions {

    /** Where the engine's source sits in the repository, for the label under each code block. */
    public static final String REPOSITORY_PREFIX = "engine/src/main/java/";

    private static final Pattern START = Pattern.compile("^\\s*//\\s*region\\s+(\\S+)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*//\\s*endregion\\b.*$");

    /** A region as shown: its file, the first and last line of its body, and the dedented code. */
    public record Region(String file, int firstLine, int lastLine, String code) {}

    private final ClasspathFolder sources;
    private final Map<String, String> pathByClass;   // "Step0Counting" → "microgpt/steps/Step0Counting.java"
    private final Map<String, Map<String, Region>> cache = new HashMap<>();

    public SourceRegions(ClasspathFolder sources) {
        this.sources = sources;
        this.pathByClass = indexByClassName(sources.list());
    }

    /** The engine source packaged with the app. */
    public static SourceRegions engine() {
        return new SourceRegions(new ClasspathFolder("engine-src/"));
    }

    /** The region {@code name} of the class with simple name {@code className}; throws if either is unknown. */
    public synchronized Region region(String className, String name) {
        Map<String, Region> regions = cache.computeIfAbsent(className, this::regionsOf);
        Region region = regions.get(name);
        if (region == null) {
            throw new IllegalArgumentException("class " + className + " has no region '" + name + "' (it has: "
                    + String.join(", ", regions.keySet()) + ")");
        }
        return region;
    }

    private Map<String, Region> regionsOf(String className) {
        String path = pathByClass.get(className);
        if (path == null) {
            throw new IllegalArgumentException("no engine class named " + className + " (known: "
                    + String.join(", ", pathByClass.keySet().stream().sorted().toList()) + ")");
        }
        String source = sources.readText(path).orElseThrow();
        return extractAll(REPOSITORY_PREFIX + path, source);
    }

    /** Every region of one source file, by name, in order of appearance. */
    public static Map<String, Region> extractAll(String file, String source) {
        List<String> lines = source.lines().toList();
        Map<String, Region> regions = new java.util.LinkedHashMap<>();
        Deque<Open> open = new ArrayDeque<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher start = START.matcher(line);
            if (start.matches()) {
                open.push(new Open(start.group(1), i));
            } else if (END.matcher(line).matches()) {
                if (open.isEmpty()) throw new IllegalArgumentException(file + ":" + (i + 1) + ": endregion without region");
                Open region = open.pop();
                if (regions.containsKey(region.name)) {
                    throw new IllegalArgumentException(file + ": region '" + region.name + "' is defined twice");
                }
                regions.put(region.name, cut(file, lines, region.startIndex, i));
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException(file + ": region '" + open.peek().name + "' is never closed");
        }
        return regions;
    }

    /** The region of one source file; throws if it does not exist. */
    public static Region extract(String file, String source, String name) {
        Region region = extractAll(file, source).get(name);
        if (region == null) throw new IllegalArgumentException(file + " has no region '" + name + "'");
        return region;
    }

    private record Open(String name, int startIndex) {}

    /** The lines strictly between the two markers, without nested markers, dedented. Line numbers are 1-based. */
    private static Region cut(String file, List<String> lines, int startIndex, int endIndex) {
        List<String> body = new ArrayList<>();
        for (int i = startIndex + 1; i < endIndex; i++) {
            String line = lines.get(i);
            if (!START.matcher(line).matches() && !END.matcher(line).matches()) body.add(line);
        }
        if (body.stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException(file + ":" + (startIndex + 1) + ": region is empty");
        }
        return new Region(file, startIndex + 2, endIndex, String.join("\n", dedent(body)));
    }

    /** Removes the indentation every non-blank line shares, so a method reads from column 0. */
    static List<String> dedent(List<String> lines) {
        int common = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(SourceRegions::indentation).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(common).stripTrailing()).toList();
    }

    private static int indentation(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') n++;
        return n;
    }

    private static Map<String, String> indexByClassName(List<String> files) {
        Map<String, String> index = new HashMap<>();
        for (String file : files) {
            if (!file.endsWith(".java")) continue;
            String simpleName = file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
            String previous = index.put(simpleName, file);
            if (previous != null) {
                throw new IllegalStateException("two engine classes are named " + simpleName + ": " + previous + " and " + file);
            }
        }
        return index;
    }
}
