package microgpt.web;

import org.teavm.extension.spi.substitution.SimpleSubstitutionPolicy;
import org.teavm.extension.spi.substitution.SubstitutionSink;

/**
 * The engine's two JVM-only seams, replaced when TeaVM compiles it for the browser: each class
 * named here is swapped for the class of the same name in {@code microgpt.web.math}.
 * {@code Fma} becomes the exact software fma (TeaVM's class library has no Math.fma), and
 * {@code NativeLibm} says there is no C library, so {@code Libm} takes its pure-Java path.
 */
public final class BrowserSubstitutions extends SimpleSubstitutionPolicy {

    @Override
    public void contribute(SubstitutionSink sink) {
        sink.selectClasses(named("microgpt.math.Fma").or(named("microgpt.math.NativeLibm")))
                .replacePackage("microgpt.math", "microgpt.web.math");
    }
}
