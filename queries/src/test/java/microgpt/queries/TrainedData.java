package microgpt.queries;

import java.util.List;
import microgpt.data.DataSetLocator;
import microgpt.data.Documents;
import microgpt.data.Tokenizer;
import microgpt.fast.EngineChoice;
import microgpt.steps.GptConfig;
import microgpt.steps.Steps;
import microgpt.train.LanguageModel;
import microgpt.train.TrainingRun;

/**
 * The guide's data as the server has it, for the tests: the seeded runs trained here, as
 * {@code microgpt.guide.GuideNumbers} trains them (seed 42, 1000 steps, the default engine). One
 * instance per test JVM, so the runs are trained once.
 */
final class TrainedData implements GuideData {

    static final TrainedData SHARED = new TrainedData(Documents.load(DataSetLocator.forTests()));

    private final List<String> docs;
    private final Lazy<List<String>> shuffled;
    private final Lazy<Tokenizer> tokenizer;
    private final List<Lazy<LanguageModel>> models;

    TrainedData(List<String> docs) {
        this.docs = List.copyOf(docs);
        this.shuffled = Lazy.of(() -> Documents.shuffled(this.docs, new microgpt.data.PyRandom(42)));
        this.tokenizer = Lazy.of(() -> new Tokenizer(shuffled.get()));
        this.models = java.util.stream.IntStream.range(0, Steps.COUNT).mapToObj(step -> Lazy.of(() -> train(step))).toList();
    }

    private LanguageModel train(int step) {
        LanguageModel[] model = {null};
        TrainingRun.execute(docs, new TrainingRun.Settings(42, 1000, Steps.info(step).temperature(), 0, GptConfig.MICROGPT.blockSize()),
                (tok, rng) -> model[0] = EngineChoice.defaults(step).factory().create(tok, rng), (n, v, m) -> { }, (s, n, l) -> true);
        return model[0];
    }

    @Override public List<String> docs() { return docs; }
    @Override public List<String> shuffledDocs() { return shuffled.get(); }
    @Override public Tokenizer tokenizer() { return tokenizer.get(); }
    @Override public LanguageModel model(int step) { return models.get(step).get(); }

    /** What the browser is handed: the names as the server serves them, and each model's parameters. */
    SiteData asSiteData() {
        SiteData site = new SiteData();
        site.loadNames(String.join("\n", docs) + "\n");
        for (int step = 0; step < Steps.COUNT; step++) {
            if (ModelParameters.hasParameters(step)) site.loadParameters(step, ModelParameters.of(model(step)));
        }
        return site;
    }
}
