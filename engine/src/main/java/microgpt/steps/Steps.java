package microgpt.steps;

import microgpt.train.TrainingRun;

/** The six steps by number, with the settings each one is trained with by default. */
public final class Steps {

    private Steps() {}

    public static final int COUNT = 6;

    /** A step's name and defaults; a learning rate of NaN means "this step has none". */
    public record StepInfo(int number, String title, String model, double learningRate, double temperature,
                           boolean usesGptConfig) {}

    private static final StepInfo[] INFO = {
        new StepInfo(0, "Counting", "bigram count table", Double.NaN, 1.0, false),
        new StepInfo(1, "Gradient Descent", "MLP, hand-derived gradients", 1.0, 0.5, false),
        new StepInfo(2, "Autograd", "MLP, automatic gradients", 1.0, 0.5, false),
        new StepInfo(3, "Attention", "single-head attention", 0.1, 0.5, true),
        new StepInfo(4, "Transformer", "multi-head transformer", 0.1, 0.5, true),
        new StepInfo(5, "Adam", "transformer + Adam (microgpt)", 0.01, 0.5, true),
    };

    public static StepInfo info(int step) {
        requireValid(step);
        return INFO[step];
    }

    public static void requireValid(int step) {
        if (step < 0 || step >= COUNT) {
            throw new IllegalArgumentException("unknown step " + step + ": steps are numbered 0 to " + (COUNT - 1));
        }
    }

    /** The factory for a step's model; Step 3 has one head, so it uses n_embd and block_size only. */
    public static TrainingRun.ModelFactory factory(int step, double learningRate, GptConfig config) {
        requireValid(step);
        return switch (step) {
            case 0 -> (tokenizer, rng) -> new Step0Counting(tokenizer);
            case 1 -> (tokenizer, rng) -> new Step1GradientDescent(tokenizer, rng, learningRate);
            case 2 -> (tokenizer, rng) -> new Step2Autograd(tokenizer, rng, learningRate);
            case 3 -> (tokenizer, rng) -> new Step3Attention(tokenizer, rng, config.nEmbd(), config.blockSize(), learningRate);
            case 4 -> (tokenizer, rng) -> new Step4Transformer(tokenizer, rng, config, learningRate);
            default -> (tokenizer, rng) -> new Step5Adam(tokenizer, rng, config, learningRate);
        };
    }
}
