package microgpt.queries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import microgpt.data.Tokenizer;
import microgpt.math.Libm;
import microgpt.steps.Step0Counting;

/**
 * Step 0's widgets: the tokenizer, the count table and its probabilities after any number of
 * training steps, and the surprise of each pair of a name.
 */
final class Step0Queries {

    /** Longest text the tokenizer widgets send. */
    static final int MAX_TEXT = 64;

    private final Step0Snapshots step0;

    Step0Queries(GuideData data) {
        this.step0 = new Step0Snapshots(data);
    }

    Tokenizer tokenizer() {
        return step0.tokenizer();
    }

    /** A token: its text (a character or "BOS") and its id. */
    static JsonObject token(int id, Tokenizer tokenizer) {
        return new JsonObject().put("text", tokenizer.decode(id)).put("id", id);
    }

    /** The text's own unique sorted characters (ids as a tokenizer of this text alone gives them) and its tokens. */
    JsonObject tokenize(String text) {
        Tokenizer vocabulary = tokenizer();
        List<JsonObject> unique = uniqueCharsOf(text);
        List<String> outside = Params.outsideVocabulary(text, vocabulary);
        if (!outside.isEmpty()) {
            throw new BadRequest(Params.notInVocabulary(outside, vocabulary), Map.of("uniqueChars", unique, "outside", outside));
        }
        List<JsonObject> tokens = new ArrayList<>();
        for (int id : vocabulary.encode(text)) tokens.add(token(id, vocabulary));
        return new JsonObject().put("text", text).put("uniqueChars", unique).put("tokens", tokens);
    }

    /** Any text's own vocabulary: its unique sorted characters numbered from 0, and the id BOS would get. */
    static JsonObject uniqueChars(String text) {
        List<JsonObject> unique = uniqueCharsOf(text);
        return new JsonObject().put("text", text).put("uniqueChars", unique).put("bos", unique.size())
                .put("vocabSize", unique.size() + 1);
    }

    /** What the engine's tokenizer makes of this text alone: its characters, sorted, numbered from 0. */
    private static List<JsonObject> uniqueCharsOf(String text) {
        if (text.isEmpty()) return List.of();
        Tokenizer own = new Tokenizer(List.of(text));
        List<JsonObject> unique = new ArrayList<>();
        for (int id = 0; id < own.bos; id++) unique.add(token(id, own));
        return unique;
    }

    /** The counts after {@code steps} names, with the pairs of the name counted last. */
    JsonObject table(int steps) {
        Tokenizer tok = tokenizer();
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
        List<JsonObject> pairs = new ArrayList<>();
        if (name != null) {
            int[] tokens = tok.encode(name);
            for (int i = 0; i < tokens.length - 1; i++) {
                pairs.add(new JsonObject().put("from", token(tokens[i], tok)).put("to", token(tokens[i + 1], tok)));
            }
        }
        return new JsonObject().put("steps", steps).put("maxSteps", Step0Snapshots.MAX_STEPS).put("vocab", vocab(tok))
                .put("counts", counts).put("rowTotals", rowTotals).put("total", total).put("name", name).put("pairs", pairs);
    }

    /** One row of the table as probabilities: what follows {@code token}. */
    JsonObject bigram(int steps, int token) {
        Tokenizer tok = tokenizer();
        return new JsonObject().put("steps", steps).put("token", token(token, tok)).put("vocab", vocab(tok))
                .put("probabilities", step0.after(steps).bigram(token));
    }

    /** Each pair of a name, its probability and its surprise, and their mean: the name's loss. */
    JsonObject pairs(int steps, String name) {
        Tokenizer tok = tokenizer();
        Step0Counting model = step0.after(steps);
        int[] tokens = tok.encode(name);
        List<JsonObject> pairs = new ArrayList<>();
        for (int i = 0; i < tokens.length - 1; i++) {
            double p = model.bigram(tokens[i])[tokens[i + 1]];
            pairs.add(new JsonObject().put("from", token(tokens[i], tok)).put("to", token(tokens[i + 1], tok))
                    .put("probability", p).put("surprise", -Libm.log(p)));
        }
        return new JsonObject().put("name", name).put("steps", steps).put("pairs", pairs).put("loss", model.loss(tokens));
    }

    static List<JsonObject> vocab(Tokenizer tok) {
        List<JsonObject> vocab = new ArrayList<>();
        for (int id = 0; id < tok.vocabSize; id++) vocab.add(token(id, tok));
        return vocab;
    }
}
