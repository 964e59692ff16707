package microgpt.guide;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import microgpt.queries.Answer;
import microgpt.queries.WidgetQueries;

/**
 * The answers an exported page carries for the questions its widgets ask as it loads, so that
 * they draw at once instead of waiting for the engine to compile and read the data set in the
 * reader's browser (about a second on two cores). The export asks the same queries of the same
 * engine, so a first answer is exactly what the browser's engine would say; it answers every
 * question after that.
 *
 * <p>Which questions each page asks on load is in {@code guide/first-questions.json}, one list per
 * page. {@code FirstAnswersBrowserTest} keeps it true: it records what each served page asks
 * before its widgets have mounted, and fails with the list to paste when the two differ.
 */
public final class FirstAnswers {

    static final String RESOURCE = "/guide/first-questions.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> questionsByPage;

    FirstAnswers(Map<String, List<String>> questionsByPage) {
        this.questionsByPage = questionsByPage;
    }

    /** The list that ships with the guide. */
    public static FirstAnswers guide() {
        try (InputStream in = FirstAnswers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return new FirstAnswers(JSON.readValue(in, new TypeReference<LinkedHashMap<String, List<String>>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The questions a page (by URL, e.g. {@code /step/0/2/}) asks as it loads: none for most. */
    public List<String> questions(String pageUrl) {
        return questionsByPage.getOrDefault(pageUrl, List.of());
    }

    /** Every page's questions, by page URL. */
    public Map<String, List<String>> byPage() {
        return questionsByPage;
    }

    /**
     * A question as text, the same for the same question however it was written: the query's path,
     * then its parameters sorted by name and form-encoded, {@code step0/pairs?name=ava&steps=1000}.
     * {@code lib/guide-api.js} writes the same text (URLSearchParams encodes as URLEncoder does).
     */
    public static String key(String path, Map<String, String> parameters) {
        StringBuilder key = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : new TreeMap<>(parameters).entrySet()) {
            key.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return key.toString();
    }

    /** A question's text read back: its path and its parameters. */
    public record Question(String path, Map<String, String> parameters) {}

    public static Question parse(String question) {
        int mark = question.indexOf('?');
        Map<String, String> parameters = new LinkedHashMap<>();
        if (mark >= 0) {
            for (String pair : question.substring(mark + 1).split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return new Question(mark < 0 ? question : question.substring(0, mark), parameters);
    }

    /**
     * The page's first answers as the JSON its {@code <script id="first-answers">} holds: each
     * question's key and the engine's answer. Null for a page that asks nothing on load. A
     * question the engine refuses is a mistake in the list, and fails the export.
     */
    public String json(String pageUrl, WidgetQueries queries) {
        List<String> questions = questions(pageUrl);
        if (questions.isEmpty()) return null;
        StringBuilder answers = new StringBuilder("{");
        for (String text : questions) {
            Question question = parse(text);
            Answer answer = queries.answer(question.path(), question.parameters());
            if (answer.status() != 200) {
                throw new IllegalStateException(pageUrl + " asks " + text + " on load, and the engine answers " + answer.status() + ": " + answer.json());
            }
            if (answers.length() > 1) answers.append(',');
            answers.append(quoted(key(question.path(), question.parameters()))).append(':').append(answer.json());   // the engine's own text
        }
        answers.append('}');
        // Inside <script>, "</script" or "<!--" in a string would end or confuse the element: no '<' at all.
        return answers.toString().replace("<", "\\u003c");
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
