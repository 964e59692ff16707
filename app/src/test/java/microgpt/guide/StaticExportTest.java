package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code microgpt export-site}: the guide as files, checked on disk and through a plain file server. */
class StaticExportTest {

    @TempDir static Path temp;
    private static Guide guide;
    private static Path site;

    @BeforeAll
    static void export() throws Exception {
        guide = TestGuide.real();
        site = temp.resolve("site");
        StaticExport.Summary summary = new StaticExport(guide).writeTo(site);
        assertEquals(guide.site().pages().size(), summary.pages());
    }

    @Test
    void everyPageIsAnIndexFileWithRelativeLinks() throws Exception {
        for (microgpt.guide.Page page : guide.site().pages()) {
            Path file = site.resolve(page.url().substring(1)).resolve("index.html");
            assertTrue(Files.isRegularFile(file), file.toString());
            String html = Files.readString(file);
            assertFalse(html.contains("href=\"/"), page.url() + " has an absolute link");
            assertFalse(html.contains("src=\"/"), page.url() + " has an absolute script");
        }
        assertTrue(Files.exists(site.resolve(StaticExport.MARKER)));
        assertTrue(Files.exists(site.resolve("webjars/katex/" + WebJars.KATEX.version() + "/dist/fonts")));
    }

    /**
     * A page loads what it uses and no more: KaTeX only with maths, highlight.js only with Java
     * code (named on guide.js's tag, loaded after the widgets), and the engine's worker started in
     * <head> only on an exported page whose widgets ask the engine on load. Served, no page does.
     */
    @Test
    void eachPageLoadsOnlyTheScriptsItUsesAndCarriesItsFirstAnswers() throws Exception {
        FirstAnswers firstAnswers = FirstAnswers.guide();
        int carrying = 0;
        for (microgpt.guide.Page page : guide.site().pages()) {
            String html = Files.readString(site.resolve(page.url().substring(1)).resolve("index.html"));
            String head = html.substring(0, html.indexOf("</head>"));
            boolean maths = html.contains("class=\"math");
            boolean code = html.contains("language-java");
            assertEquals(maths, head.contains("katex.min.js"), page.url() + ": KaTeX");
            assertEquals(code, head.contains("data-highlight=\"") && head.contains("highlight.min.js"), page.url() + ": highlight.js");
            boolean asks = !firstAnswers.questions(page.url()).isEmpty();
            assertEquals(asks, html.contains("<script type=\"application/json\" id=\"first-answers\">"), page.url() + ": first answers");
            if (asks) {
                String carried = html.substring(html.indexOf("id=\"first-answers\">") + "id=\"first-answers\">".length(), html.indexOf("</script>\n</body>"));
                JsonNode answers = new ObjectMapper().readTree(carried);
                assertEquals(firstAnswers.questions(page.url()).size(), answers.size(), page.url());
                carrying++;
            }
            String served = guide.renderer().render(page, Links.Style.SERVER);
            assertFalse(served.contains("first-answers"), page.url() + " served: the server answers");
        }
        assertTrue(carrying >= 18, carrying + " pages carry first answers");
    }

    @Test
    void theRunsAreWrittenAsJson() throws Exception {
        JsonNode step5 = new ObjectMapper().readTree(site.resolve("api/runs/step5.json").toFile());
        assertEquals(1000, step5.get("losses").size());
        assertEquals(20, step5.get("samples").size());
        assertEquals(guide.numbers().run(5).numParams(), step5.get("numParams").asInt());
        assertTrue(step5.get("trainMs").asLong() > 0);
        JsonNode step0 = new ObjectMapper().readTree(site.resolve("api/runs/step0.json").toFile());
        assertTrue(step0.get("learningRate").isNull());
        JsonNode manifest = new ObjectMapper().readTree(site.resolve("assets/js/widgets/manifest.json").toFile());
        assertTrue(manifest.get("widgets").isArray());
        assertFalse(manifest.get("api").asBoolean(), "no live API in an exported site");
    }

    /** A file the previous export wrote (listed in its marker) and the new one does not write is removed. */
    @Test
    void exportingAgainReplacesThePreviousExport() throws Exception {
        Path again = temp.resolve("again");
        new StaticExport(guide).writeTo(again);
        Files.writeString(again.resolve("stale.txt"), "from an older export");
        Files.writeString(again.resolve(StaticExport.MARKER), "stale.txt\n", java.nio.file.StandardOpenOption.APPEND);
        StaticExport.Summary summary = new StaticExport(guide).writeTo(again);
        assertEquals(null, summary.keptAside());
        assertFalse(Files.exists(again.resolve("stale.txt")));
        assertTrue(Files.exists(again.resolve("index.html")));
        try (var siblings = Files.list(temp)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".again")), "no temporary folders left");
        }
    }

    /** A file the user added to an export is not the export's to delete: refused before any work, and kept. */
    @Test
    void anExportWithAFileItDidNotWriteIsRefused() throws Exception {
        Path mine = temp.resolve("mine");
        new StaticExport(guide).writeTo(mine);
        Files.writeString(mine.resolve("CNAME"), "guide.example.org");
        StaticExport.RefusedException e = assertThrows(StaticExport.RefusedException.class, () -> StaticExport.checkTarget(mine));
        assertEquals(mine + " holds a previous export and CNAME, which no export wrote; move it out of the folder, "
                + "or choose another folder", e.getMessage());
        assertEquals("guide.example.org", Files.readString(mine.resolve("CNAME")));
    }

    /**
     * The check is made again right before the swap: a folder that filled up during the minute of
     * training is refused then, and neither it nor its files are moved or deleted.
     */
    @Test
    void theTargetIsCheckedAgainRightBeforeTheSwap() throws Exception {
        Path target = temp.resolve("late");
        StaticExport.checkTarget(target);   // new: fine when the export starts
        Files.createDirectories(target);
        Files.writeString(target.resolve("notes.txt"), "written while the export trained");
        Path partial = Files.createDirectories(temp.resolve(".late.partial-test"));
        Files.writeString(partial.resolve("index.html"), "<p>new");
        StaticExport.writeMarker(partial, List.of("index.html"));
        assertThrows(StaticExport.RefusedException.class, () -> StaticExport.swapIn(target, partial, List.of("index.html")));
        assertEquals(List.of(target.resolve("notes.txt")), Files.list(target).toList());
    }

    /** Made with the umask's permissions (a web server running as another user must read them), not 0700. */
    @Test
    void theSiteIsReadableAsAStaticHostExpects() throws Exception {
        Path usualFolder = Files.createDirectory(temp.resolve("usual-folder"));
        Path usualFile = Files.createFile(temp.resolve("usual-file"));
        assertEquals(Files.getPosixFilePermissions(usualFolder), Files.getPosixFilePermissions(site));
        assertEquals(Files.getPosixFilePermissions(usualFolder), Files.getPosixFilePermissions(site.resolve("step/1")));
        assertEquals(Files.getPosixFilePermissions(usualFile), Files.getPosixFilePermissions(site.resolve("index.html")));
    }

    @Test
    void anEmptyPathAndAPathUnderAFileAreRefusedBeforeAnyTraining() throws Exception {
        CliRun empty = CliRun.of("export-site", "--data", TestGuide.dataFile().toString(), "");
        assertEquals(2, empty.code());
        assertEquals("microgpt: the folder to export to is empty text: name one, such as site", empty.err().strip());
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        CliRun under = CliRun.of("export-site", "--data", TestGuide.dataFile().toString(), file.resolve("site").toString());
        assertEquals(2, under.code());
        assertEquals("microgpt: " + file.resolve("site") + " is under " + file + ", which is a file, not a folder",
                under.err().strip());
        assertEquals("", under.out(), "refused before training");
    }

    /** The command line, run in-process. */
    private record CliRun(int code, String out, String err) {
        static CliRun of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int code = cli.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        }
    }

    @Test
    void aFolderWithOtherFilesIsRefused() throws Exception {
        Path busy = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertThrows(StaticExport.RefusedException.class, () -> new StaticExport(guide).writeTo(busy));
        assertEquals(List.of(busy.resolve("notes.txt")), Files.list(busy).toList());

        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("export-site", "--data", TestGuide.dataFile().toString(), busy.toString());
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("microgpt: "), err.toString());
        assertTrue(err.toString().contains("is not empty"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}
