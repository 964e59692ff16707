package microgpt.fast;

import java.util.List;
import microgpt.data.Documents;

/** The shared names file (found by {@link microgpt.TestData}), read once per test JVM. */
final class TestData {

    private TestData() {}

    private static List<String> docs;

    static synchronized List<String> docs() {
        if (docs == null) docs = Documents.load(microgpt.TestData.namesFile());
        return docs;
    }
}
