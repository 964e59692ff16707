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
