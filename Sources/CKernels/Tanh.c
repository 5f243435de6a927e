#include "CKernels.h"

#include <stdint.h>
#include <string.h>

/// tanh of one float, branch free so that the loop below vectorizes.
///
/// Small |x| use the odd Taylor series to x¹³ (error below 1e-8 for |x| < 0.4); larger |x| use
/// (1 - e) / (1 + e) with e = exp(-2|x|), the exponential by Cody and Waite's range reduction
/// and a degree-7 Taylor polynomial.
static inline __attribute__((always_inline)) float tanh1(float x) {
    float ax = x < 0 ? -x : x;
    float a = 9.0f < ax ? 9.0f : ax;  // tanh(±9) rounds to ±1 in float32; NaN stays NaN
    float s = a * a;
    float p = 21844.0f / 6081075.0f;
    p = p * s - 1382.0f / 155925.0f;
    p = p * s + 62.0f / 2835.0f;
    p = p * s - 17.0f / 315.0f;
    p = p * s + 2.0f / 15.0f;
    p = p * s - 1.0f / 3.0f;
    float series = a + a * s * p;
    // exp(-2a) = 2^n exp(r), |r| <= ln(2)/2; adding and subtracting 1.5 * 2^23 rounds to an integer.
    float y = -2 * a;
    float n = (y * 1.442695041f + 12582912.0f) - 12582912.0f;
    float r = (y - n * 0.693145752f) - n * 1.42860677e-6f;
    float e = 1.0f / 5040;
    e = e * r + 1.0f / 720;
    e = e * r + 1.0f / 120;
    e = e * r + 1.0f / 24;
    e = e * r + 1.0f / 6;
    e = e * r + 0.5f;
    e = e * r + 1;
    e = e * r + 1;
    // 2^n: the biased exponent n + 127 lands in the low bits of 2^23 + n + 127, then moves up.
    float biased = n + 8388735.0f;
    uint32_t bits;
    memcpy(&bits, &biased, sizeof bits);
    bits <<= 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    e *= scale;
    float large = (1 - e) / (1 + e);
    float magnitude = a < 0.4f ? series : large;
    return x < 0 ? -magnitude : magnitude;
}

/// The loop every version runs; inlined into each, it vectorizes for that version's ISA.
static inline __attribute__((always_inline)) void tanh_loop(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = tanh1(x[i]);
}

static void tanh_baseline(const float *x, float *y, size_t n) { tanh_loop(x, y, n); }

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static void tanh_avx512(const float *x, float *y, size_t n) {
    tanh_loop(x, y, n);
}

__attribute__((target("avx2,fma"))) static void tanh_avx2(const float *x, float *y, size_t n) {
    tanh_loop(x, y, n);
}
#endif

/// The version for this CPU. It is chosen by a constructor rather than an ifunc resolver,
/// which would run before the sanitizers' runtimes are ready.
static void (*tanh_kernel)(const float *, float *, size_t) = tanh_baseline;

__attribute__((constructor))
static void nnk_choose_tanh_kernel(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        tanh_kernel = tanh_avx512;
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        tanh_kernel = tanh_avx2;
    }
#endif
}

void nnk_tanh(const float *_Nonnull x, float *_Nonnull y, size_t n) { tanh_kernel(x, y, n); }
