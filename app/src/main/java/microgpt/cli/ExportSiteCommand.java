package microgpt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import microgpt.guide.Guide;
import microgpt.guide.StaticExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code microgpt export-site DIR}: the whole guide as static files. */
@Command(name = "export-site", mixinStandardHelpOptions = true,
        description = {"Write the visual guide as static files into DIR (pages, assets, runs as JSON).",
                "DIR must be new, empty, or a previous export (of which only the files it wrote are replaced).",
                "Trains all six steps first (about a minute)."})
final class ExportSiteCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Parameters(index = "0", paramLabel = "DIR", description = "the folder to write the site into")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            StaticExport.checkTarget(dir);
            Guide guide = Guide.load(data.locate());
            if (!guide.hasBrowserEngine()) {
                err.println("microgpt: " + StaticExport.EXPORT_NEEDS_THE_ENGINE);
                return 1;
            }
            err.println("microgpt: training the six steps and writing the guide to " + dir + " ...");
            err.flush();
            StaticExport.Summary summary = new StaticExport(guide).writeTo(dir);
            PrintWriter out = spec.commandLine().getOut();
            out.println("wrote " + summary.pages() + " pages (" + summary.files() + " files) to " + dir.toAbsolutePath().normalize());
            out.flush();
            if (summary.keptAside() != null) {
                err.println("microgpt: the previous export held files it had not written; they are kept in " + summary.keptAside());
                err.flush();
            }
            return 0;
        } catch (IOException e) {
            err.println("microgpt: cannot write " + dir + ": " + e);
            return 1;
        }
    }
}
