package microgpt.guide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entries of the glossary page, by the anchor id of their heading. {@code [[term]]} links to
 * the entry whose id is the term's slug, and a term with no entry is an error, so the prose can
 * never link to a definition that is not there.
 */
public final class GlossaryIndex {

    public static final String URL = "/glossary/";

    private final Map<String, String> headingById = new LinkedHashMap<>();

    GlossaryIndex(List<Markdown.HeadingInfo> headings) {
        for (Markdown.HeadingInfo heading : headings) headingById.put(heading.id(), heading.text());
    }

    /** The anchor id for {@code term}; throws if the glossary has no heading for it. */
    public String idOf(String term) {
        String id = Markdown.slug(term);
        if (!headingById.containsKey(id)) {
            throw new IllegalArgumentException("[[" + term + "]]: the glossary has no entry '" + term + "' (anchor #" + id + ")");
        }
        return id;
    }

    public Set<String> ids() {
        return headingById.keySet();
    }
}
