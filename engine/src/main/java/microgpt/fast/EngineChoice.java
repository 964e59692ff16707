package microgpt.fast;

import java.util.Locale;
import microgpt.steps.GptConfig;
import microgpt.steps.Step3Attention;
import microgpt.steps.Step4Transformer;
import microgpt.steps.Step5Adam;
import microgpt.steps.Steps;
import microgpt.train.TrainingRun;

/**
 * Which engine trains a request, with which shape and optimizer: the rules of {@code train}'s
 * {@code --engine}, {@code --n-embd}, {@code --n-head}, {@code --n-layer}, {@code --block-size}
 * and {@code --optimizer}, each broken rule one clear message (an IllegalArgumentException,
 * which the command line prints on one line with exit code 2).
 *
 * <p>The default engine is the fastest one that is exact for the request: the tape (bit for bit
 * the readable engine) for steps 2–5 at the microgpt shape, the readable engine for steps 0 and
 * 1 (they have no graph to record), and the fused engine when the shape is not microgpt's.
 *
 * <p>Public because the guide's Playground ({@code /api/train/stream}) applies the same rules;
 * its messages name the options as the command line spells them ({@code --n-embd}), and the
 * Playground renames them to its query parameters ({@code n_embd}).
 */
public final class EngineChoice {

    private EngineChoice() {}

    public enum Engine {
        READABLE, TAPE, FUSED;

        static Engine parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "readable" -> READABLE;
                case "tape" -> TAPE;
                case "fused" -> FUSED;
                default -> throw new IllegalArgumentException("--engine must be readable, tape or fused, got '" + name + "'");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the user asked for; null means "not given". */
    public record Request(int step, String engine, Integer nEmbd, Integer nHead, Integer nLayer, Integer blockSize,
                   String optimizer, double learningRate) {}

    /** The decision: config is null for steps 0–2, optimizer null for steps 0 and 1. */
    public record Choice(int step, Engine engine, GptConfig config, Optimizer optimizer, double learningRate) {

        /** How many positions a sample may have: the context of a transformer, 16 otherwise. */
        public int maxSampleLength() {
            return config != null ? config.blockSize() : GptConfig.MICROGPT.blockSize();
        }

        /**
         * About how many bytes training this choice holds at once, for a vocabulary of
         * {@code vocabSize} tokens: the parameters with their gradients and optimizer state, and
         * the activations of a whole name (the fused engine's buffers; the tape's nodes and
         * operands; the readable engine's Values). An estimate to refuse absurd shapes before any
         * work, not a measurement.
         */
        public long memoryBytes(int vocabSize) {
            if (config == null) return step == 2 ? (16L << 20) + BackwardOrders.MAX_BYTES : 2L << 20;   // Steps 0–2: fixed, small
            long e = config.nEmbd();
            long t = config.blockSize();
            long layers = config.nLayer();
            long parameters = ParamLayout.transformer(vocabSize, config).size();
            if (engine == Engine.FUSED) {
                long perLayer = 16 * t * e + 8 * t * e + (long) config.nHead() * t * t;
                return 8 * (6 * parameters + layers * perLayer + 2 * t * vocabSize + 12 * t * e);
            }
            long h = config.nHead();
            // per position: the products of every sum (q, k, v, o, fc1, fc2, the attention scores
            // and mixes, rmsnorm's squares, lm_head) and every other operation
            long products = layers * (12 * e * e + 2 * t * e + 2 * e) + (long) vocabSize * e + e;
            long others = layers * (40 * e + 6 * t * h) + 6L * vocabSize + 10 * e;
            if (engine == Engine.READABLE) {
                // two Values a product (it and an addition), one an operation: objects with lists of children
                return t * (2 * products + others) * 400 + 48 * parameters;
            }
            // The tape keeps a sum of products as one node with its operands (at most two ints a
            // product, 16 bytes once the list has grown); a node is about 128 bytes with the
            // search's scratch. The sums: a linear row each, a score or a mix, two rmsnorms.
            long sums = layers * (9 * e + t * h + e + 2) + vocabSize + 1;
            return t * (16 * products + 128 * (sums + others)) + 48 * parameters + BackwardOrders.MAX_BYTES;
        }

        public TrainingRun.ModelFactory factory() {
            double lr = learningRate;
            return switch (engine) {
                case TAPE -> step == 2
                        ? (tokenizer, rng) -> TapeGpt.step2(tokenizer, rng, lr)
                        : (tokenizer, rng) -> TapeGpt.transformer(tokenizer, rng, config, optimizer, lr);
                case FUSED -> (tokenizer, rng) -> new FusedGpt(tokenizer, rng, config, optimizer, lr);
                case READABLE -> readableFactory();
            };
        }

        /** The readable classes: Step 3's own class when it is Step 3 with SGD, else Step 4's or 5's. */
        private TrainingRun.ModelFactory readableFactory() {
            double lr = learningRate;
            if (step <= 2) return Steps.factory(step, lr, GptConfig.MICROGPT);
            if (optimizer == Optimizer.ADAM) return (tokenizer, rng) -> new Step5Adam(tokenizer, rng, config, lr);
            if (step == 3) return (tokenizer, rng) -> new Step3Attention(tokenizer, rng, config.nEmbd(), config.blockSize(), lr);
            return (tokenizer, rng) -> new Step4Transformer(tokenizer, rng, config, lr);
        }
    }

    /** What {@code train --step N} runs with no other option: the step's own shape, optimizer and learning rate. */
    public static Choice defaults(int step) {
        return choose(new Request(step, null, null, null, null, null, null, Steps.info(step).learningRate()));
    }

    public static Choice choose(Request r) {
        Steps.requireValid(r.step());
        boolean shapeGiven = r.nEmbd() != null || r.nHead() != null || r.nLayer() != null || r.blockSize() != null;
        if (r.step() <= 2) {
            if (shapeGiven) {
                throw new IllegalArgumentException(firstShapeOption(r) + " applies to steps 3 to 5; step " + r.step()
                        + (r.step() == 0 ? " counts bigrams" : " is an MLP of fixed width 16"));
            }
            if (r.optimizer() != null) {
                throw new IllegalArgumentException("--optimizer applies to steps 3 to 5; step " + r.step()
                        + (r.step() == 0 ? " only counts" : " uses gradient descent"));
            }
        }
        if (r.step() == 3 && ((r.nHead() != null && r.nHead() != 1) || (r.nLayer() != null && r.nLayer() != 1))) {
            throw new IllegalArgumentException("step 3 has one attention head and one layer; "
                    + "--n-head and --n-layer apply to steps 4 and 5");
        }
        GptConfig config = null;
        Optimizer optimizer = null;
        if (r.step() >= 3) {
            GptConfig d = GptConfig.MICROGPT;
            int nEmbd = orDefault("--n-embd", r.nEmbd(), d.nEmbd(), GptConfig.MAX_EMBD);
            int nHead = r.step() == 3 ? 1 : orDefault("--n-head", r.nHead(), d.nHead(), GptConfig.MAX_HEADS);
            int nLayer = r.step() == 3 ? 1 : orDefault("--n-layer", r.nLayer(), d.nLayer(), GptConfig.MAX_LAYERS);
            int blockSize = orDefault("--block-size", r.blockSize(), d.blockSize(), GptConfig.MAX_BLOCK_SIZE);
            if (nEmbd % nHead != 0) {
                throw new IllegalArgumentException("--n-embd (" + nEmbd + ") must be divisible by --n-head (" + nHead + ")");
            }
            config = new GptConfig(nEmbd, nHead, nLayer, blockSize);
            optimizer = r.optimizer() != null ? parseOptimizer(r.optimizer())
                    : (r.step() == 5 ? Optimizer.ADAM : Optimizer.SGD);
        }
        Engine engine;
        if (r.engine() != null) {
            engine = Engine.parse(r.engine());
            if (engine == Engine.TAPE && r.step() < 2) {
                throw new IllegalArgumentException("--engine tape covers steps 2 to 5 (steps 0 and 1 have no graph to record)");
            }
            if (engine == Engine.FUSED && r.step() < 3) {
                throw new IllegalArgumentException("--engine fused covers the transformer, steps 3 to 5");
            }
        } else if (r.step() < 2) {
            engine = Engine.READABLE;
        } else {
            engine = config == null || sameShape(config, microgptShape(r.step())) ? Engine.TAPE : Engine.FUSED;
        }
        return new Choice(r.step(), engine, config, optimizer, r.learningRate());
    }

    /** The published shape of a step: Step 3 is its one head over all 16 dimensions. */
    static GptConfig microgptShape(int step) {
        return step == 3 ? TapeGpt.step3Config(16, 16) : GptConfig.MICROGPT;
    }

    /**
     * Field by field, not {@code equals}: a record's generated equals sets up method handles on
     * its first call, about 25 ms of a 1-second {@code train} run before the first step.
     */
    private static boolean sameShape(GptConfig a, GptConfig b) {
        return a.nEmbd() == b.nEmbd() && a.nHead() == b.nHead() && a.nLayer() == b.nLayer() && a.blockSize() == b.blockSize();
    }

    private static Optimizer parseOptimizer(String name) {
        try {
            return Optimizer.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--optimizer must be sgd or adam, got '" + name + "'");
        }
    }

    private static int orDefault(String option, Integer value, int fallback, int max) {
        if (value == null) return fallback;
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(option + " must be between 1 and " + max + ", got " + value);
        }
        return value;
    }

    private static String firstShapeOption(Request r) {
        if (r.nEmbd() != null) return "--n-embd";
        if (r.nHead() != null) return "--n-head";
        if (r.nLayer() != null) return "--n-layer";
        return "--block-size";
    }
}
