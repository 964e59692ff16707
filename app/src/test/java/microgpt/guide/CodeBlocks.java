package microgpt.guide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks a code block shown on a page against the lines of the real file in the repository. */
final class CodeBlocks {

    private CodeBlocks() {}

    /** Null if {@code shown} is exactly lines A–B of the file (region markers left out, dedented); else what differs. */
    static String differenceFromSource(String file, String lines, String shown) {
        if (shown == null || shown.isBlank()) return file + " " + lines + ": empty code block";
        String[] range = lines.split("-");
        int first = Integer.parseInt(range[0]);
        int last = Integer.parseInt(range[1]);
        List<String> source;
        try {
            source = Files.readAllLines(Path.of("..").resolve(file));   // the tests run in app/
        } catch (IOException e) {
            return file + ": cannot read the real file (" + e + ")";
        }
        if (first < 1 || last > source.size() || first > last) return file + ": lines " + lines + " are not in the file";
        List<String> body = source.subList(first - 1, last).stream()
                .filter(line -> !line.strip().matches("//\\s*(region\\s+\\S+|endregion)"))
                .toList();
        int indent = body.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        String expected = String.join("\n", body.stream().map(line -> line.isBlank() ? "" : line.substring(indent).stripTrailing()).toList());
        return expected.equals(shown) ? null : file + " lines " + lines + ": the page shows\n" + shown + "\nbut the file has\n" + expected;
    }
}
