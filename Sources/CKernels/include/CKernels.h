// The engine's parts in C: float32 kernels compiled for each instruction set they can use
// (AVX-512, AVX2 with FMA, baseline x86-64) and chosen before main by the CPU's features,
// PyTorch's cascade sum, the generator's Mersenne Twister and Box-Muller, the choice of
// OpenBLAS's kernels, the engine's thread-local state, and CRC-32C in hardware for the log
// readers.
#ifndef NNDASH_CKERNELS_H
#define NNDASH_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// The float32 sum of x[0..<n] in the order PyTorch's CPU kernel adds a contiguous run on one
/// thread (8-wide vectors, four accumulators, a cascade of four levels), so that it rounds and
/// overflows as PyTorch does; 0 for n = 0.
float nnk_cascade_sum(const float *_Nonnull x, size_t n);

/// The words of the Mersenne Twister's state.
#define NNK_MT_WORDS 624

/// Seeds the Mersenne Twister's state (its low 32 bits, as PyTorch's `manual_seed`).
void nnk_mt_seed(uint32_t *_Nonnull state, uint64_t seed);

/// The Mersenne Twister's next 32 bits from its `state` at word `*index` (twisting when it
/// reaches NNK_MT_WORDS), which moves on by one.
uint32_t nnk_mt_next(uint32_t *_Nonnull state, size_t *_Nonnull index);

/// Fills out[0..<n] with 24-bit uniform floats in [0, 1) from the Mersenne Twister's `state`,
/// reading from word `index` (twisting when it reaches NNK_MT_WORDS); returns the next index.
size_t nnk_mt_fill_uniform(uint32_t *_Nonnull state, size_t index, float *_Nonnull out, size_t n);

/// PyTorch's Box-Muller step of float `normal_` in place on 16 uniform floats: values[j] and
/// values[j + 8] become the two normals of (1 - values[j], values[j + 8]), times std plus mean.
void nnk_box_muller16(float *_Nonnull values, float mean, float std);

/// y[i] = tanh(x[i]) for i < n, within 2e-7 relative error; NaN stays NaN.
void nnk_tanh(const float *_Nonnull x, float *_Nonnull y, size_t n);

/// Max pooling of `planes` row-major planes of h x w into oh x ow outputs (PyTorch's
/// max_pool2d: windows of kh x kw at strides sy, sx, shifted by the padding py, px, with
/// dilations dy, dx; padding is never selected, NaN wins, the first of equal values wins).
/// `argmax[o]` receives the index in `src` of the element output `o` took.
void nnk_max_pool2d(const float *_Nonnull src, float *_Nonnull out, int64_t *_Nonnull argmax, int64_t planes,
                    int64_t h, int64_t w, int64_t oh, int64_t ow, int64_t kh, int64_t kw,
                    int64_t sy, int64_t sx, int64_t py, int64_t px, int64_t dy, int64_t dx);

/// y[i] = max(0, x[i]) for i < n, as PyTorch's relu (NaN stays NaN, -0 becomes +0).
void nnk_relu(const float *_Nonnull x, float *_Nonnull y, size_t n);

/// out[i] = g[i] where y[i] > 0, else 0: ReLU's gradient from its output y.
void nnk_relu_backward(const float *_Nonnull g, const float *_Nonnull y, float *_Nonnull out, size_t n);

/// A layer's epilogue in place on its product y of `rows` rows of n: y + bias on every row (when
/// `bias` is given), then max(0, y) as nnk_relu (when `relu` is nonzero).
void nnk_bias_relu(float *_Nonnull y, const float *_Nullable bias, size_t rows, size_t n, int relu);

/// `nnk_bias_relu` on a product computed transposed: y[r][j] = t[j][r] + bias[j] (when `bias` is
/// given), then max(0, ·) when `relu` is nonzero, for t of n rows of `rows` and y of rows x n.
void nnk_transposed_bias_relu(const float *_Nonnull t, float *_Nonnull y, const float *_Nullable bias, size_t rows,
                              size_t n, int relu);

/// The gradient of a layer's epilogue from d(loss)/d(y) `g` (rows x n): out = ReLU's gradient
/// from the layer's output y (when `y` is given, else nothing is written), and sums[j] += the
/// gradient's column j in double precision, row after row (the bias's gradient).
void nnk_relu_backward_sums(const float *_Nonnull g, const float *_Nullable y, float *_Nonnull out,
                            double *_Nonnull sums, size_t rows, size_t n);

/// SGD's momentum step over n elements: b = b * momentum + keep * g, then p = p + step * b,
/// each product and sum rounded on its own.
void nnk_sgd_momentum(float *_Nonnull p, const float *_Nonnull g, float *_Nonnull b, size_t n, float momentum,
                      float keep, float step);

/// 1 on an AMD processor, else 0 (the engine's choice of OpenBLAS calls was measured on both).
int nnk_cpu_is_amd(void);

/// out (m x n) = x @ wᵀ (+ bias on every row, when given) for x of m x k and w of n x k, all
/// row-major: a layer's forward product for a batch of a few rows, each output the sum of its
/// k terms in another order than OpenBLAS's. Returns 0, leaving `out` to the caller, unless the
/// CPU has AVX-512, 1 <= m <= 16, n >= 1 and k is a positive multiple of 16; 1 when `out` is written.
int nnk_few_rows_product(const float *_Nonnull x, const float *_Nonnull w, const float *_Nullable bias,
                         float *_Nonnull out, size_t m, size_t n, size_t k);

/// 1 when `nnk_few_rows_product` takes a product of these sizes on this CPU, else 0.
int nnk_few_rows_product_takes(size_t m, size_t n, size_t k);

/// out (m x n) = gᵀ @ x for g of rows x m and x of rows x n, all row-major, skipping the zeros of
/// g: each out[j] sums g[r][j] * x[r] over the rows r with g[r][j] != 0 (those shared with its
/// neighbour in the pair (j, j + 1) first), one fused multiply-add per term from zero: the dense
/// product's sum to float32 rounding. Returns 0, leaving `out` to the caller, when the CPU lacks
/// AVX-512, when x holds an infinity or NaN (0 * x would be NaN), or when more than a fraction
/// `most` of g is nonzero (a dense product is then faster); 1 when `out` is written.
int nnk_sparse_tn_product(const float *_Nonnull g, const float *_Nonnull x, float *_Nonnull out, size_t rows,
                          size_t m, size_t n, double most);

/// Unfolds `channels` planes of h x w (from `image`) into a column matrix `cols` of
/// (channels * kh * kw) rows of oh * ow output positions, zeros where a window reads padding
/// (strides sy, sx, padding py, px at the top and left, dilations dy, dx).
void nnk_im2col(const float *_Nonnull image, float *_Nonnull cols, int64_t channels, int64_t h, int64_t w,
                int64_t kh, int64_t kw, int64_t oh, int64_t ow, int64_t sy, int64_t sx, int64_t py, int64_t px,
                int64_t dy, int64_t dx);

/// Adds a column matrix back onto `channels` planes of `image` (im2col's adjoint), same geometry.
void nnk_col2im(const float *_Nonnull cols, float *_Nonnull image, int64_t channels, int64_t h, int64_t w,
                int64_t kh, int64_t kw, int64_t oh, int64_t ow, int64_t sy, int64_t sx, int64_t py, int64_t px,
                int64_t dy, int64_t dx);

/// Whether this CPU computes CRC-32C in hardware (x86-64's SSE4.2 `crc32` instruction).
int nnk_crc32c_hardware(void);

/// Advances the CRC-32C register `state` (not inverted: start from 0xFFFFFFFF, invert at the
/// end) over `n` bytes, in hardware. Only when `nnk_crc32c_hardware()` is nonzero; elsewhere it
/// returns `state` unchanged.
uint32_t nnk_crc32c_update(uint32_t state, const void *_Nonnull bytes, size_t n);

/// The engine's state of one thread, in thread-local storage that costs one instruction to
/// reach: the number of open no-grad scopes, how deeply graph nodes are being freed, and two
/// buffers the Swift side allocates and frees (the storage pool's shelf and the graph release
/// queue).
typedef struct {
    long noGradDepth;
    long releaseDepth;
    void *_Nullable storageShelf;
    void *_Nullable releaseQueue;
} nnk_thread_state;

extern _Thread_local nnk_thread_state nnk_thread_state_tls;

/// This thread's state.
static inline nnk_thread_state *_Nonnull nnk_thread(void) { return &nnk_thread_state_tls; }

#endif
