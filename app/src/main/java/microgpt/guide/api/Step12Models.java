package microgpt.guide.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.guide.GuideNumbers;
import microgpt.guide.Lazy;
import microgpt.steps.Step1GradientDescent;
import microgpt.steps.Step2Autograd;
import microgpt.steps.Steps;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;

/**
 * The Step 1 and Step 2 models the widgets look inside, made exactly as a run makes them: seed 42,
 * shuffle the names, then draw the weights. The trained Step 1 model (1000 steps, about a second)
 * is made once and only read afterwards; an untrained one is made fresh for each request,
 * because the slope and the gradient check nudge its weights and Step 2's backward pass fills in
 * its gradients.
 */
final class Step12Models {

    private static final Map<GuideNumbers, Step12Models> BY_NUMBERS = new ConcurrentHashMap<>();

    private final GuideNumbers numbers;
    private final Lazy<Step1GradientDescent> step1Trained;

    private Step12Models(GuideNumbers numbers) {
        this.numbers = numbers;
        this.step1Trained = Lazy.of(() -> trained(step1Initial()));
    }

    static Step12Models of(GuideNumbers numbers) {
        return BY_NUMBERS.computeIfAbsent(numbers, Step12Models::new);
    }

    Tokenizer tokenizer() {
        return numbers.tokenizer();
    }

    /** The names in the order training visits them (the seed-42 shuffle). */
    List<String> shuffledNames() {
        return numbers.shuffledDocs();
    }

    /** The first name after the shuffle: the one the gradient check of the guide uses ("yuheng"). */
    String firstName() {
        return numbers.shuffledDocs().get(0);
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
        return step1Trained.get();
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
        PyRandom rng = new PyRandom(GuideNumbers.SEED);
        Documents.shuffled(numbers.docs(), rng);
        return rng;
    }

    private <M extends LanguageModel> M trained(M model) {
        List<String> names = numbers.shuffledDocs();
        Trainer.train(model, names, tokenizer(), GuideNumbers.NUM_STEPS, (step, total, loss) -> true);
        return model;
    }
}
