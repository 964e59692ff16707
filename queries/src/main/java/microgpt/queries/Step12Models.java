package microgpt.queries;

import java.util.List;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.steps.Step1GradientDescent;
import microgpt.steps.Step2Autograd;
import microgpt.steps.Steps;

/**
 * The Step 1 and Step 2 models the widgets look inside, made exactly as a run makes them: seed 42,
 * shuffle the names, then draw the weights. The trained Step 1 model is the seeded run's own
 * ({@link GuideData#model}) and is only read; an untrained one is made fresh for each request,
 * because the slope and the gradient check nudge its weights and Step 2's backward pass fills in
 * its gradients.
 */
final class Step12Models {

    static final long SEED = 42;

    private final GuideData data;

    Step12Models(GuideData data) {
        this.data = data;
    }

    Tokenizer tokenizer() {
        return data.tokenizer();
    }

    /** The names in the order training visits them (the seed-42 shuffle). */
    List<String> shuffledNames() {
        return data.shuffledDocs();
    }

    /** The first name after the shuffle: the one the gradient check of the guide uses ("yuheng"). */
    String firstName() {
        return data.shuffledDocs().get(0);
    }

    /** A fresh Step 1 model at initialisation (the caller may change it). */
    Step1GradientDescent step1Initial() {
        return new Step1GradientDescent(tokenizer(), rngAfterShuffle(), Steps.info(1).learningRate());
    }

    Step2Autograd step2Initial() {
        return new Step2Autograd(tokenizer(), rngAfterShuffle(), Steps.info(2).learningRate());
    }

    /** Step 1 after its 1000 training steps (shared: read only). */
    Step1GradientDescent step1Trained() {
        return (Step1GradientDescent) data.model(1);
    }

    /**
     * The random stream as the run samples with: after the shuffle and the weights. With it,
     * 20 names at the step's own temperature are the run's own 20 names.
     */
    PyRandom samplingRng() {
        PyRandom rng = rngAfterShuffle();
        new Step1GradientDescent(tokenizer(), rng, Steps.info(1).learningRate());   // draws the weights, as a run does
        return rng;
    }

    private PyRandom rngAfterShuffle() {
        PyRandom rng = new PyRandom(SEED);
        Documents.shuffled(data.docs(), rng);
        return rng;
    }
}
