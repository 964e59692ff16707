package microgpt.cli;

import java.nio.file.Path;
import java.util.List;
import microgpt.data.DataSetLocator;
import microgpt.data.Documents;
import picocli.CommandLine.Option;

/** The {@code --data FILE} option shared by every command that reads the names. */
final class DataOption {

    @Option(names = "--data", paramLabel = "FILE",
            description = "the names file (default: $MICROGPT_DATA, then ~/.cache/microgpt/names.txt, then a verified download)")
    Path file;

    List<String> load() {
        return Documents.load(locate());
    }

    /** The data set's path, found as {@link DataSetLocator} finds it (downloading it if need be). */
    Path locate() {
        return DataSetLocator.standard().locate(file);
    }
}
