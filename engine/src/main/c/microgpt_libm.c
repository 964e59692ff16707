/*
 * The C library's exp, log, pow, sin and cos, reachable from Java.
 *
 * CPython's math.exp, math.log and float ** call these very functions. glibc's versions are
 * accurate to about half a unit in the last place, but not correctly rounded, so no Java
 * implementation can match them on every argument. Calling them is the only way to get
 * CPython's numbers to the last bit. See microgpt.math.Libm for the pure-Java fallback.
 */
#include <jni.h>
#include <math.h>

JNIEXPORT jdouble JNICALL Java_microgpt_math_NativeLibm_exp(JNIEnv *env, jclass cls, jdouble x) { return exp(x); }
JNIEXPORT jdouble JNICALL Java_microgpt_math_NativeLibm_log(JNIEnv *env, jclass cls, jdouble x) { return log(x); }
JNIEXPORT jdouble JNICALL Java_microgpt_math_NativeLibm_pow(JNIEnv *env, jclass cls, jdouble x, jdouble y) { return pow(x, y); }
JNIEXPORT jdouble JNICALL Java_microgpt_math_NativeLibm_sin(JNIEnv *env, jclass cls, jdouble x) { return sin(x); }
JNIEXPORT jdouble JNICALL Java_microgpt_math_NativeLibm_cos(JNIEnv *env, jclass cls, jdouble x) { return cos(x); }

/*
 * pow(x[i], y) into out[i] for i < n: one crossing into C for a whole array instead of one per
 * number (Adam squares every gradient and takes the root of every v-hat, each step). x and out
 * must be different arrays.
 */
JNIEXPORT void JNICALL Java_microgpt_math_NativeLibm_powAll(JNIEnv *env, jclass cls, jdoubleArray x, jdouble y,
                                                            jdoubleArray out, jint n) {
    jdouble *in = (*env)->GetPrimitiveArrayCritical(env, x, NULL);
    if (in == NULL) return;
    jdouble *result = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (result == NULL) { (*env)->ReleasePrimitiveArrayCritical(env, x, in, JNI_ABORT); return; }
    for (jint i = 0; i < n; i++) result[i] = pow(in[i], y);
    (*env)->ReleasePrimitiveArrayCritical(env, out, result, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, x, in, JNI_ABORT);
}
