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

void nnk_relu_backward_sums(const float *g, const float *y, float *out, double *sums, size_t rows, size_t n) {
    relu_backward_sums_kernel(g, y, out, sums, rows, n);
}

void nnk_sgd_momentum(float *p, const float *g, float *b, size_t n, float momentum, float keep, float step) {
    sgd_kernel(p, g, b, n, momentum, keep, step);
}
