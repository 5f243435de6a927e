#include "CKernels.h"

// Elementwise loops of a training step (ReLU and its gradient, a layer's bias and ReLU on its
// product and their gradients, SGD's momentum update), compiled for AVX-512, AVX2 and baseline
// x86-64 like tanh, one version chosen before main.
//
// Each loop rounds as the Swift code it replaces: every product and sum rounded on its own (no
// fused multiply-add), so the versions give the same values bit for bit.
#pragma clang fp contract(off)

/// max(0, x) with NaN kept: `x <= 0` is false for NaN, which passes through; -0 becomes +0.
static inline __attribute__((always_inline)) void relu_loop(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = x[i] <= 0 ? 0.0f : x[i];
}

/// The gradient `g` where the output `y` is positive, else 0.
static inline __attribute__((always_inline)) void relu_backward_loop(const float *g, const float *y, float *out,
                                                                     size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = y[i] > 0 ? g[i] : 0.0f;
}

/// b = b * momentum + keep * g, then p = p + step * b.
static inline __attribute__((always_inline)) void sgd_loop(float *p, const float *g, float *b, size_t n,
                                                           float momentum, float keep, float step) {
    for (size_t i = 0; i < n; i++) {
        float v = b[i] * momentum + keep * g[i];
        b[i] = v;
        p[i] = p[i] + step * v;
    }
}

/// y = y + bias on each of `rows` rows of n, then max(0, y) when `relu`: a layer's epilogue in
/// place on its product, rounded as the sum then the ReLU in separate passes.
static inline __attribute__((always_inline)) void bias_relu_loop(float *y, const float *bias, size_t rows, size_t n,
                                                                 int relu) {
    for (size_t r = 0; r < rows; r++) {
        float *row = y + r * n;
        if (bias && relu) {
            for (size_t j = 0; j < n; j++) {
                float z = row[j] + bias[j];
                row[j] = z <= 0 ? 0.0f : z;
            }
        } else if (bias) {
            for (size_t j = 0; j < n; j++) row[j] = row[j] + bias[j];
        } else if (relu) {
            for (size_t j = 0; j < n; j++) row[j] = row[j] <= 0 ? 0.0f : row[j];
        }
    }
}

/// y[r][j] = t[j][r] + bias[j], then max(0, ·) when `relu`, for r in [r0, r1), j in [j0, j1): the
/// epilogue of a product computed transposed (t is n x rows), rounded as `bias_relu_loop`.
static inline __attribute__((always_inline)) void transposed_bias_relu_loop(const float *t, float *y,
                                                                            const float *bias, size_t rows,
                                                                            size_t n, int relu, size_t r0,
                                                                            size_t r1, size_t j0, size_t j1) {
    for (size_t r = r0; r < r1; r++) {
        for (size_t j = j0; j < j1; j++) {
            float z = t[j * rows + r];
            if (bias) z = z + bias[j];
            y[r * n + j] = relu && z <= 0 ? 0.0f : z;
        }
    }
}

/// out = g where y > 0, else 0 (when `y` is given; out = g otherwise, and `out` may be `g`), and
/// sums[j] += out[r][j] in double precision, row after row: ReLU's gradient and the bias's in one pass.
static inline __attribute__((always_inline)) void relu_backward_sums_loop(const float *g, const float *y, float *out,
                                                                          double *sums, size_t rows, size_t n) {
    for (size_t r = 0; r < rows; r++) {
        const float *gr = g + r * n;
        float *o = out + r * n;
        if (y) {
            const float *yr = y + r * n;
            for (size_t j = 0; j < n; j++) {
                float v = yr[j] > 0 ? gr[j] : 0.0f;
                o[j] = v;
                sums[j] += (double)v;
            }
        } else {
            for (size_t j = 0; j < n; j++) sums[j] += (double)gr[j];
        }
    }
}

static void relu_baseline(const float *x, float *y, size_t n) { relu_loop(x, y, n); }
static void bias_relu_baseline(float *y, const float *bias, size_t rows, size_t n, int relu) {
    bias_relu_loop(y, bias, rows, n, relu);
}
static void relu_backward_sums_baseline(const float *g, const float *y, float *out, double *sums, size_t rows,
                                        size_t n) {
    relu_backward_sums_loop(g, y, out, sums, rows, n);
}
static void relu_backward_baseline(const float *g, const float *y, float *out, size_t n) {
    relu_backward_loop(g, y, out, n);
}
static void sgd_baseline(float *p, const float *g, float *b, size_t n, float m, float k, float s) {
    sgd_loop(p, g, b, n, m, k, s);
}

static void transposed_bias_relu_baseline(const float *t, float *y, const float *bias, size_t rows, size_t n,
                                         int relu) {
    transposed_bias_relu_loop(t, y, bias, rows, n, relu, 0, rows, 0, n);
}

#if defined(__x86_64__)
#include <immintrin.h>

/// Transposes the 16x16 block of floats in r[0..15] (r[i] becomes its column i).
__attribute__((target("avx512f"))) static inline void transpose16(__m512 r[16]) {
    __m512 t[16];
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    for (int i = 0; i < 4; i++) {
        __m512d a = _mm512_castps_pd(t[4 * i]), b = _mm512_castps_pd(t[4 * i + 1]);
        __m512d c = _mm512_castps_pd(t[4 * i + 2]), d = _mm512_castps_pd(t[4 * i + 3]);
        r[4 * i] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, c));
        r[4 * i + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, c));
        r[4 * i + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(b, d));
        r[4 * i + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(b, d));
    }
    for (int i = 0; i < 2; i++) {
        for (int c = 0; c < 4; c++) {
            t[8 * i + c] = _mm512_shuffle_f32x4(r[8 * i + c], r[8 * i + 4 + c], 0x88);
            t[8 * i + 4 + c] = _mm512_shuffle_f32x4(r[8 * i + c], r[8 * i + 4 + c], 0xdd);
        }
    }
    for (int c = 0; c < 8; c++) {
        r[c] = _mm512_shuffle_f32x4(t[c], t[8 + c], 0x88);
        r[c + 8] = _mm512_shuffle_f32x4(t[c], t[8 + c], 0xdd);
    }
}

/// The transposed epilogue in blocks of 16x16 transposed in registers; the edges as the loop.
__attribute__((target("avx512f"))) static void transposed_bias_relu_avx512(const float *t, float *y,
                                                                           const float *bias, size_t rows,
                                                                           size_t n, int relu) {
    size_t rows16 = rows / 16 * 16, n16 = n / 16 * 16;
    __m512 zero = _mm512_setzero_ps();
    for (size_t r0 = 0; r0 < rows16; r0 += 16) {
        for (size_t j0 = 0; j0 < n16; j0 += 16) {
            __m512 v[16];
            for (int i = 0; i < 16; i++) {
                v[i] = _mm512_loadu_ps(t + (j0 + i) * rows + r0);
                if (bias) v[i] = _mm512_add_ps(v[i], _mm512_set1_ps(bias[j0 + i]));
                if (relu) v[i] = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(v[i], zero, _CMP_LE_OQ), v[i], zero);
            }
            transpose16(v);
            for (int c = 0; c < 16; c++) _mm512_storeu_ps(y + (r0 + c) * n + j0, v[c]);
        }
    }
    transposed_bias_relu_loop(t, y, bias, rows, n, relu, 0, rows16, n16, n);
    transposed_bias_relu_loop(t, y, bias, rows, n, relu, rows16, rows, 0, n);
}
#endif

#if defined(__x86_64__)
#define NNK_VERSIONS(suffix, isa)                                                                         \
    __attribute__((target(isa))) static void relu_##suffix(const float *x, float *y, size_t n) {      \
        relu_loop(x, y, n);                                                                               \
    }                                                                                                     \
    __attribute__((target(isa))) static void relu_backward_##suffix(const float *g, const float *y,    \
                                                                       float *out, size_t n) {            \
        relu_backward_loop(g, y, out, n);                                                                 \
    }                                                                                                     \
    __attribute__((target(isa))) static void sgd_##suffix(float *p, const float *g, float *b, size_t n, \
                                                             float m, float k, float s) {                 \
        sgd_loop(p, g, b, n, m, k, s);                                                                    \
    }                                                                                                     \
    __attribute__((target(isa))) static void bias_relu_##suffix(float *y, const float *bias, size_t rows, \
                                                                  size_t n, int relu) {                   \
        bias_relu_loop(y, bias, rows, n, relu);                                                           \
    }                                                                                                     \
    __attribute__((target(isa))) static void relu_backward_sums_##suffix(                                 \
        const float *g, const float *y, float *out, double *sums, size_t rows, size_t n) {                \
        relu_backward_sums_loop(g, y, out, sums, rows, n);                                                \
    }
NNK_VERSIONS(avx512, "avx512f")
NNK_VERSIONS(avx2, "avx2")
#undef NNK_VERSIONS
#endif

static void (*relu_kernel)(const float *, float *, size_t) = relu_baseline;
static void (*relu_backward_kernel)(const float *, const float *, float *, size_t) = relu_backward_baseline;
static void (*sgd_kernel)(float *, const float *, float *, size_t, float, float, float) = sgd_baseline;
static void (*bias_relu_kernel)(float *, const float *, size_t, size_t, int) = bias_relu_baseline;
static void (*transposed_bias_relu_kernel)(const float *, float *, const float *, size_t, size_t, int) =
    transposed_bias_relu_baseline;
static void (*relu_backward_sums_kernel)(const float *, const float *, float *, double *, size_t, size_t) =
    relu_backward_sums_baseline;

__attribute__((constructor))
static void nnk_choose_elementwise_kernels(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        relu_kernel = relu_avx512;
        relu_backward_kernel = relu_backward_avx512;
        sgd_kernel = sgd_avx512;
        bias_relu_kernel = bias_relu_avx512;
        transposed_bias_relu_kernel = transposed_bias_relu_avx512;
        relu_backward_sums_kernel = relu_backward_sums_avx512;
    } else if (__builtin_cpu_supports("avx2")) {
        relu_kernel = relu_avx2;
        relu_backward_kernel = relu_backward_avx2;
        sgd_kernel = sgd_avx2;
        bias_relu_kernel = bias_relu_avx2;
        relu_backward_sums_kernel = relu_backward_sums_avx2;
    }
#endif
}

void nnk_relu(const float *x, float *y, size_t n) { relu_kernel(x, y, n); }

void nnk_relu_backward(const float *g, const float *y, float *out, size_t n) { relu_backward_kernel(g, y, out, n); }

void nnk_bias_relu(float *y, const float *bias, size_t rows, size_t n, int relu) {
    bias_relu_kernel(y, bias, rows, n, relu);
}

void nnk_transposed_bias_relu(const float *t, float *y, const float *bias, size_t rows, size_t n, int relu) {
    transposed_bias_relu_kernel(t, y, bias, rows, n, relu);
}

void nnk_relu_backward_sums(const float *g, const float *y, float *out, double *sums, size_t rows, size_t n) {
    relu_backward_sums_kernel(g, y, out, sums, rows, n);
}

void nnk_sgd_momentum(float *p, const float *g, float *b, size_t n, float momentum, float keep, float step) {
    sgd_kernel(p, g, b, n, momentum, keep, step);
}
