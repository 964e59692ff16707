package microgpt.queries;

import java.util.List;
import microgpt.data.Tokenizer;
import microgpt.train.LanguageModel;

/**
 * What the widget queries read: the data set and the models of the guide's seeded runs (seed
 * 42, 1000 steps, each step's own settings). The server trains them on first use
 * ({@code microgpt.guide.GuideNumbers}); the browser reads them from the site's files
 * ({@link SiteData}), as the export or the server hands them over.
 */
public interface GuideData {

    /** The names in file order. */
    List<String> docs();

    /** The names in the order the seeded runs train on them (the seed-42 shuffle). */
    List<String> shuffledDocs();

    /** The vocabulary of the data set. */
    Tokenizer tokenizer();

    /**
     * The model a step's seeded run trained, shared: read it, never train it further. A tape
     * model samples on its tape, so whoever samples from it holds its lock meanwhile.
     */
    LanguageModel model(int step);
}
