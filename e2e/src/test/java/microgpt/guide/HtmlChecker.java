package microgpt.guide;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nu.validator.validation.SimpleDocumentValidator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The Nu HTML Checker (the engine behind validator.w3.org/nu) run in this JVM: the same schemas
 * and checks, read from its jar, so no document and no schema leaves the machine. Set up once
 * (reading the schemas takes seconds), then {@link #check} any number of documents, one at a time.
 */
final class HtmlChecker {

    /** One thing the checker said about a document. */
    record Message(Severity severity, String document, int line, int column, String text, String source) {
        @Override
        public String toString() {
            return severity.name().toLowerCase() + ": " + document + ":" + line + ":" + column + ": " + text
                    + (source.isEmpty() ? "" : "\n    at: " + source);
        }
    }

    enum Severity { ERROR, WARNING }

    /** The checker's own name for its schema of HTML (with SVG and MathML), resolved from the jar. */
    private static final String HTML_SCHEMA = "http://s.validator.nu/html5-all.rnc";

    private final SimpleDocumentValidator validator;
    private final Collector collector = new Collector();

    HtmlChecker() {
        // log4j set up by the checker (its messages only), URLs not logged, and the check that
        // lang="en" fits the text switched on.
        validator = new SimpleDocumentValidator(true, false, true);
        try {
            validator.setUpMainSchema(HTML_SCHEMA, collector);
            // noStream: the parser buffers the document rather than failing on what it cannot stream.
            validator.setUpValidatorAndParsers(collector, true, false);
        } catch (Exception e) {
            throw new IllegalStateException("the Nu HTML Checker could not read its schemas", e);
        }
        if (!collector.messages.isEmpty()) throw new IllegalStateException("schema problems: " + collector.messages);
    }

    /** Every error and warning in one HTML document; name says which document in the messages. */
    List<Message> check(String name, String html) {
        collector.start(name, html);
        InputSource input = new InputSource(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        input.setSystemId(name);
        try {
            validator.checkHtmlInputSource(input);
        } catch (SAXParseException e) {
            // A fatal error was reported to the collector before it was thrown.
        } catch (Exception e) {
            throw new IllegalStateException("the Nu HTML Checker failed on " + name, e);
        }
        return List.copyOf(collector.messages);
    }

    /** Collects what the checker reports about the current document, with the line it is about. */
    private static final class Collector implements ErrorHandler {
        final List<Message> messages = new ArrayList<>();
        private String document = "";
        private String[] lines = new String[0];

        void start(String name, String html) {
            messages.clear();
            document = name;
            lines = html.split("\n", -1);
        }

        @Override
        public void warning(SAXParseException e) {
            add(Severity.WARNING, e);
        }

        @Override
        public void error(SAXParseException e) {
            add(Severity.ERROR, e);
        }

        @Override
        public void fatalError(SAXParseException e) {
            add(Severity.ERROR, e);
        }

        private void add(Severity severity, SAXParseException e) {
            int line = e.getLineNumber();
            messages.add(new Message(severity, document, line, e.getColumnNumber(), e.getMessage(), excerpt(line, e.getColumnNumber())));
        }

        /** Up to 160 characters of the line the message is about, ending where the checker points. */
        private String excerpt(int line, int column) {
            if (line < 1 || line > lines.length) return "";
            String text = lines[line - 1];
            int end = column < 1 ? text.length() : Math.min(text.length(), column);
            return text.substring(Math.max(0, end - 160), end).strip();
        }
    }
}
