package microgpt.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The data the browser is handed ({@link SiteData}: the names and the trained parameters) gives
 * every query the same answer, to the character, as the data the server trains: on the same JVM
 * and libm, nothing may differ. (In the browser the libm is the pure-Java one; the app's browser
 * test compares those answers with the server's to 1e-12.)
 */
class BrowserDataTest {

    /** A fixed set of queries that reach every kind of model and every query class. */
    static final List<Object[]> QUERIES = List.of(
            new Object[] {"tokenize", WidgetQueriesTest.params("text", "emma")},
            new Object[] {"step0/table", WidgetQueriesTest.params("steps", "7")},
            new Object[] {"step0/bigram", WidgetQueriesTest.params("token", "a", "steps", "1000")},
            new Object[] {"step0/pairs", WidgetQueriesTest.params("name", "ava", "steps", "100")},
            new Object[] {"samples", WidgetQueriesTest.params("step", "0", "seed", "7")},
            new Object[] {"samples", WidgetQueriesTest.params("step", "2", "seed", "7", "count", "5")},
            new Object[] {"samples", WidgetQueriesTest.params("step", "5", "seed", "3")},
            new Object[] {"step1/params", WidgetQueriesTest.params()},
            new Object[] {"step1/activations", WidgetQueriesTest.params("token", "m", "trained", "true")},
            new Object[] {"step1/forward", WidgetQueriesTest.params("name", "olivia")},
            new Object[] {"step1/slope", WidgetQueriesTest.params("param", "mlp_fc1[3][5]", "epsilon", "0.001")},
            new Object[] {"step1/gradcheck", WidgetQueriesTest.params("name", "emma")},
            new Object[] {"step1/samples", WidgetQueriesTest.params("temperature", "0.8")},
            new Object[] {"step1/training-names", WidgetQueriesTest.params()},
            new Object[] {"step2/graph", WidgetQueriesTest.params("expr", "relulog", "a", "1.5", "b", "-2", "c", "3")},
            new Object[] {"step2/position-graph", WidgetQueriesTest.params("name", "ava", "position", "2")},
            new Object[] {"step345/trace", WidgetQueriesTest.params("step", "3", "name", "emma")},
            new Object[] {"step345/trace", WidgetQueriesTest.params("step", "4", "name", "zoe")},
            new Object[] {"step345/attention", WidgetQueriesTest.params("step", "5", "name", "isabella")},
            new Object[] {"step345/rmsnorm", WidgetQueriesTest.params("x", "1,-2,3.5,0")});

    @Test
    @SuppressWarnings("unchecked")
    void theBrowsersDataAnswersEveryQueryAsTheServersDoes() {
        WidgetQueries server = new WidgetQueries(TrainedData.SHARED);
        WidgetQueries browser = new WidgetQueries(TrainedData.SHARED.asSiteData());
        for (Object[] query : QUERIES) {
            Answer expected = server.answer((String) query[0], (Map<String, String>) query[1]);
            assertEquals(200, expected.status(), query[0] + ": " + expected.json());
            assertEquals(expected, browser.answer((String) query[0], (Map<String, String>) query[1]), query[0] + " " + query[1]);
        }
    }

    @Test
    void whatIsNotLoadedYetIsNamed() {
        SiteData empty = new SiteData();
        WidgetQueries browser = new WidgetQueries(empty);
        assertEquals(SiteData.NAMES, assertThrows(SiteData.Missing.class, () -> browser.answer("step0/table", Map.of())).file());
        empty.loadNames("emma\nava\n");
        assertEquals(200, browser.answer("step0/table", Map.of()).status(), "step 0 is counted, not loaded");
        assertEquals("api/models/step4.bin", assertThrows(SiteData.Missing.class,
                () -> browser.answer("step345/trace", Map.of("step", "4", "name", "ava"))).file());
    }

    @Test
    void parametersOfTheWrongSizeAreRefused() {
        SiteData site = TrainedData.SHARED.asSiteData();
        site.loadParameters(5, new double[10]);
        assertEquals(500, new WidgetQueries(site).answer("samples", Map.of("step", "5")).status());
    }
}
