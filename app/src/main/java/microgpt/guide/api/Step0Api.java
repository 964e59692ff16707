package microgpt.guide.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import microgpt.data.Tokenizer;
import microgpt.guide.Guide;
import microgpt.guide.RunData;
import microgpt.math.Libm;
import microgpt.steps.Step0Counting;

/**
 * The JSON behind Step 0's widgets: the tokenizer, the count table and its probabilities after
 * any number of training steps, and the surprise of each pair of a name. (Fresh samples: {@link SamplesApi}.)
 */
public final class Step0Api {

    /** Longest text the tokenizer widgets send; longest name the pairs widget takes. */
    static final int MAX_TEXT = 64;

    private Step0Api() {}

    public static void register(RoutesConfig routes, Supplier<Guide> guide) {
        Supplier<Step0Snapshots> step0 = () -> Step0Snapshots.of(guide.get().numbers());
        routes.get("/api/tokenize", ctx -> json(ctx, tokenize(step0.get().tokenizer(), ApiInput.textParam(ctx, "text", MAX_TEXT))));
        routes.get("/api/unique-chars", ctx -> json(ctx, uniqueChars(ApiInput.textParam(ctx, "text", MAX_TEXT))));
        routes.get("/api/step0/table", ctx -> json(ctx, table(step0.get(), steps(ctx))));
        routes.get("/api/step0/bigram", ctx -> json(ctx, bigram(step0.get(), steps(ctx),
                ApiInput.tokenParam(ctx, "token", step0.get().tokenizer()))));
        routes.get("/api/step0/pairs", ctx -> json(ctx, pairs(step0.get(), steps(ctx),
                ApiInput.nameParam(ctx, "name", step0.get().tokenizer()))));
    }

    // ---- answers ---------------------------------------------------------------------------

    /** A token: its text (a character or "BOS") and its id. */
    public record Token(String text, int id) {
        static Token of(int id, Tokenizer tokenizer) {
            return new Token(tokenizer.decode(id), id);
        }
    }

    /** The text's own unique sorted characters (ids as a tokenizer of this text alone gives them) and its tokens. */
    public record Tokenized(String text, List<Token> uniqueChars, List<Token> tokens) {}

    /** Any text's own vocabulary: its unique sorted characters numbered from 0, and the id BOS would get. */
    public record UniqueChars(String text, List<Token> uniqueChars, int bos, int vocabSize) {}

    public record Pair(Token from, Token to) {}

    public record Table(int steps, int maxSteps, List<Token> vocab, int[][] counts, int[] rowTotals, long total,
                        String name, List<Pair> pairs) {}

    public record Bigram(int steps, Token token, List<Token> vocab, double[] probabilities) {}

    public record ScoredPair(Token from, Token to, double probability, double surprise) {}

    public record Pairs(String name, int steps, List<ScoredPair> pairs, double loss) {}

    // ---- the engine work -------------------------------------------------------------------

    static Tokenized tokenize(Tokenizer vocabulary, String text) {
        List<Token> unique = uniqueCharsOf(text);
        List<String> outside = ApiInput.outsideVocabulary(text, vocabulary);
        if (!outside.isEmpty()) {
            throw new ApiErrors.BadRequest(ApiInput.notInVocabulary(outside, vocabulary),
                    Map.of("uniqueChars", unique, "outside", outside));
        }
        List<Token> tokens = new ArrayList<>();
        for (int id : vocabulary.encode(text)) tokens.add(Token.of(id, vocabulary));
        return new Tokenized(text, unique, tokens);
    }

    static UniqueChars uniqueChars(String text) {
        List<Token> unique = uniqueCharsOf(text);
        return new UniqueChars(text, unique, unique.size(), unique.size() + 1);
    }

    /** What the engine's tokenizer makes of this text alone: its characters, sorted, numbered from 0. */
    private static List<Token> uniqueCharsOf(String text) {
        if (text.isEmpty()) return List.of();
        Tokenizer own = new Tokenizer(List.of(text));
        List<Token> unique = new ArrayList<>();
        for (int id = 0; id < own.bos; id++) unique.add(Token.of(id, own));
        return unique;
    }

    static Table table(Step0Snapshots step0, int steps) {
        Tokenizer tok = step0.tokenizer();
        Step0Counting model = step0.after(steps);
        int[][] counts = new int[tok.vocabSize][tok.vocabSize];
        int[] rowTotals = new int[tok.vocabSize];
        long total = 0;
        for (int current = 0; current < tok.vocabSize; current++) {
            for (int next = 0; next < tok.vocabSize; next++) {
                counts[current][next] = model.count(current, next);
                rowTotals[current] += counts[current][next];
            }
            total += rowTotals[current];
        }
        String name = steps == 0 ? null : step0.nameAt(steps);
        List<Pair> pairs = new ArrayList<>();
        if (name != null) {
            int[] tokens = tok.encode(name);
            for (int i = 0; i < tokens.length - 1; i++) pairs.add(new Pair(Token.of(tokens[i], tok), Token.of(tokens[i + 1], tok)));
        }
        return new Table(steps, Step0Snapshots.MAX_STEPS, vocab(tok), counts, rowTotals, total, name, pairs);
    }

    static Bigram bigram(Step0Snapshots step0, int steps, int token) {
        Tokenizer tok = step0.tokenizer();
        return new Bigram(steps, Token.of(token, tok), vocab(tok), step0.after(steps).bigram(token));
    }

    static Pairs pairs(Step0Snapshots step0, int steps, String name) {
        Tokenizer tok = step0.tokenizer();
        Step0Counting model = step0.after(steps);
        int[] tokens = tok.encode(name);
        List<ScoredPair> pairs = new ArrayList<>();
        for (int i = 0; i < tokens.length - 1; i++) {
            double p = model.bigram(tokens[i])[tokens[i + 1]];
            pairs.add(new ScoredPair(Token.of(tokens[i], tok), Token.of(tokens[i + 1], tok), p, -Libm.log(p)));
        }
        return new Pairs(name, steps, pairs, model.loss(tokens));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static int steps(Context ctx) {
        return ApiInput.intParam(ctx, "steps", 0, Step0Snapshots.MAX_STEPS, Step0Snapshots.MAX_STEPS);
    }

    private static List<Token> vocab(Tokenizer tok) {
        List<Token> vocab = new ArrayList<>();
        for (int id = 0; id < tok.vocabSize; id++) vocab.add(Token.of(id, tok));
        return vocab;
    }

    static void json(Context ctx, Object answer) {
        ctx.contentType("application/json").result(RunData.toJson(answer));
    }
}
