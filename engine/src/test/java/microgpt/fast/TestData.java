package microgpt.fast;

import java.nio.file.Path;
import java.util.List;
import microgpt.data.DataSetLocator;
import microgpt.data.Documents;

/** The shared names file, read once per test JVM. */
final class TestData {

    private TestData() {}

    private static List<String> docs;

    static synchronized List<String> docs() {
        if (docs == null) {
            String configured = System.getProperty("microgpt.data");
            Path file = configured != null ? Path.of(configured) : DataSetLocator.standard().locate(null);
            docs = Documents.load(file);
        }
        return docs;
    }
}
