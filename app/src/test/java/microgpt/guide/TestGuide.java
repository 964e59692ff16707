package microgpt.guide;

import java.nio.file.Path;

/** The data set and guides the tests share (one set of engine runs per test JVM). */
final class TestGuide {

    private TestGuide() {}

    static Path dataFile() {
        return microgpt.data.DataSetLocator.forTests();
    }

    static GuideNumbers numbers() {
        return GuideNumbers.forDataFile(dataFile());
    }

    /** The guide made of the small fixture pages under src/test/resources/fixture-site/. */
    static Guide fixture() {
        return new Guide(new SiteMap(new ClasspathFolder("fixture-site/pages/")), numbers(),
                SourceRegions.engine(), Templates.guide());
    }

    /** The real guide, with the pages packaged in the app. */
    static Guide real() {
        return Guide.load(dataFile());
    }
}
