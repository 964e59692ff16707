package microgpt.guide;

import java.util.List;

/**
 * One page of the guide: where its Markdown lives, where it is served, what kind of page it is,
 * and what its front matter says.
 *
 * @param source  the file under {@code pages/}, e.g. "step0/3.md"
 * @param url     the site path, e.g. "/step/0/3/"
 * @param step    the step it belongs to (section pages and step indexes), else -1
 * @param section the section number within the step (section pages), else 0
 * @param defines what this section introduces, each "name — meaning"
 * @param body    the Markdown after the front matter
 */
public record Page(String source, String url, Kind kind, String title, int step, int section,
                   String bigIdea, List<Define> defines, String body) {

    public enum Kind { HOME, STEP_INDEX, SECTION, HISTORY, GLOSSARY, PLAYGROUND }

    /** One entry of a section's {@code defines}: a name and its one-line meaning. */
    public record Define(String name, String meaning, Page page) {}

    /** "0.3" for a section page. */
    public String number() {
        return step + "." + section;
    }

    public boolean isSection() {
        return kind == Kind.SECTION;
    }
}
