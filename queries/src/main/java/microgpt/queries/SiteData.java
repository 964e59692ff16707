package microgpt.queries;

import java.util.List;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.fast.EngineChoice;
import microgpt.steps.Steps;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;
import microgpt.train.TrainingRun;

/**
 * The guide's data as the reader's browser has it: read from the site's files, which the static
 * export writes and the server serves at the same paths. Nothing is fetched from here (the
 * browser build reaches no network); asking for something not yet loaded throws {@link Missing}
 * with the file to fetch, and the caller loads it and asks again.
 *
 * <ul>
 *   <li>{@value #NAMES}: the data set, as the server read it;</li>
 *   <li>{@code api/models/stepN.bin}: the seeded runs' trained parameters ({@link ModelParameters}
 *       order, little-endian doubles); Step 0's counts are recounted instead.</li>
 * </ul>
 */
public final class SiteData implements GuideData {

    public static final String NAMES = "api/data/names.txt";

    /** The file of a step's trained parameters, relative to the site root. */
    public static String modelFile(int step) {
        return "api/models/step" + step + ".bin";
    }

    /** Something the caller must load before asking again: the site path of the file. */
    public static final class Missing extends RuntimeException {
        private final String file;

        public Missing(String file) {
            super("not loaded yet: " + file, null, false, false);
            this.file = file;
        }

        public String file() {
            return file;
        }
    }

    private List<String> docs;
    private List<String> shuffled;
    private Tokenizer tokenizer;
    private final double[][] parameters = new double[Steps.COUNT][];
    private final LanguageModel[] models = new LanguageModel[Steps.COUNT];

    /** The data set's text, one name per line. */
    public void loadNames(String text) {
        docs = List.copyOf(Documents.parse(text));
        shuffled = Documents.shuffled(docs, new PyRandom(Step12Models.SEED));
        tokenizer = new Tokenizer(shuffled);
    }

    /** A step's trained parameters, from its model file. */
    public void loadParameters(int step, double[] values) {
        Steps.requireValid(step);
        parameters[step] = values.clone();
        models[step] = null;
    }

    public boolean hasNames() {
        return docs != null;
    }

    @Override
    public List<String> docs() {
        requireNames();
        return docs;
    }

    @Override
    public List<String> shuffledDocs() {
        requireNames();
        return shuffled;
    }

    @Override
    public Tokenizer tokenizer() {
        requireNames();
        return tokenizer;
    }

    /** The seeded run's model, made as the run made it (same engine, same draws) with the trained parameters put in. */
    @Override
    public synchronized LanguageModel model(int step) {
        Steps.requireValid(step);
        if (models[step] == null) {
            requireNames();
            if (ModelParameters.hasParameters(step) && parameters[step] == null) throw new Missing(modelFile(step));
            TrainingRun.Start start = TrainingRun.start(docs, Step12Models.SEED, EngineChoice.defaults(step).factory());
            LanguageModel model = start.model();
            if (ModelParameters.hasParameters(step)) {
                ModelParameters.load(model, parameters[step]);
            } else {
                Trainer.train(model, start.shuffled(), start.tokenizer(), Step0Snapshots.MAX_STEPS, (s, n, loss) -> true);
            }
            models[step] = model;
        }
        return models[step];
    }

    private void requireNames() {
        if (docs == null) throw new Missing(NAMES);
    }
}
