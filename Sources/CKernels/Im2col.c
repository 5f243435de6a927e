#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// im2col and col2im of a convolution, line by line: each line of the column matrix (one
// channel, ky, kx and output row) is a run of the input row between zeros where the window
// reads padding. The runs are short (an output row: 10 to 30 values in small networks), so a
// library call per run costs more than the run; they are copied inline instead, in masked
// AVX-512 stores where the CPU has them.

/// The output columns `[lower, upper)` of kernel column `kx` whose input column lies inside the
/// image, and the input column under `lower`.
static inline __attribute__((always_inline)) void inside_columns(int64_t w, int64_t ow, int64_t sx, int64_t px,
                                                                 int64_t dx, int64_t kx, int64_t *lower,
                                                                 int64_t *upper, int64_t *first) {
    int64_t shift = px - kx * dx;  // ix = x * sx - shift
    int64_t lo = shift > 0 ? (shift + sx - 1) / sx : 0;
    int64_t end = w + shift;  // ix < w  <=>  x * sx < end
    int64_t up = end <= 0 ? 0 : (end + sx - 1) / sx;
    if (up > ow) up = ow;
    if (up < lo) up = lo;
    *lower = lo;
    *upper = up;
    *first = lo * sx - shift;
}

// The loops of both, over every line: `LINE(line, source)` handles one line whose input row is
// inside the image (source: the input under output column `lower`), `PAD(line)` one whose input
// row is padding.
#define NNK_FOR_EACH_LINE(LINE, PAD)                                                       \
    int64_t row = 0;                                                                       \
    for (int64_t c = 0; c < channels; c++) {                                               \
        for (int64_t ky = 0; ky < kh; ky++) {                                              \
            for (int64_t kx = 0; kx < kw; kx++) {                                          \
                int64_t lower, upper, first;                                               \
                inside_columns(w, ow, sx, px, dx, kx, &lower, &upper, &first);             \
                for (int64_t y = 0; y < oh; y++) {                                         \
                    int64_t iy = y * sy - py + ky * dy;                                    \
                    float *line = cols + (row * oh + y) * ow;                              \
                    if (iy >= 0 && iy < h) {                                               \
                        const int64_t input = c * h * w + iy * w + first;                  \
                        LINE;                                                              \
                    } else {                                                               \
                        PAD;                                                               \
                    }                                                                      \
                }                                                                          \
                row++;                                                                     \
            }                                                                              \
        }                                                                                  \
    }

/// Zeros `n` floats (a loop, not a library call).
static inline __attribute__((always_inline)) void zero_run(float *p, int64_t n) {
    for (int64_t i = 0; i < n; i++) p[i] = 0;
}

__attribute__((no_builtin("memcpy", "memmove", "memset")))
static void im2col_baseline(const float *image, float *cols, int64_t channels, int64_t h, int64_t w, int64_t kh,
                            int64_t kw, int64_t oh, int64_t ow, int64_t sy, int64_t sx, int64_t py, int64_t px,
                            int64_t dy, int64_t dx) {
    NNK_FOR_EACH_LINE(
        {
            zero_run(line, lower);
            const float *source = image + input;
            for (int64_t x = 0; x < upper - lower; x++) line[lower + x] = source[x * sx];
            zero_run(line + upper, ow - upper);
        },
        zero_run(line, ow))
}

__attribute__((no_builtin("memcpy", "memmove", "memset")))
static void col2im_baseline(const float *colsIn, float *image, int64_t channels, int64_t h, int64_t w, int64_t kh,
                            int64_t kw, int64_t oh, int64_t ow, int64_t sy, int64_t sx, int64_t py, int64_t px,
                            int64_t dy, int64_t dx) {
    float *cols = (float *)colsIn;
    NNK_FOR_EACH_LINE(
        {
            float *target = image + input;
            const float *run = line + lower;
            for (int64_t x = 0; x < upper - lower; x++) target[x * sx] += run[x];
        },
        (void)line)
}

#if defined(__x86_64__)
/// The mask of the first `n` lanes of 16 (all for n >= 16).
__attribute__((target("avx512f"))) static inline __mmask16 lanes(int64_t n) {
    return n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1);
}

__attribute__((target("avx512f"))) static inline void zero_run512(float *p, int64_t n) {
    for (int64_t i = 0; i < n; i += 16) _mm512_mask_storeu_ps(p + i, lanes(n - i), _mm512_setzero_ps());
}

/// The most lines a kernel column's masks cover in the fast paths below: output rows of up to 64.
#define NNK_MAX_CHUNKS 4

/// The lane masks of one kernel column at stride 1 along the width: `inside[j]` selects the
/// lanes of chunk j (output columns 16j to 16j + 15) whose input lies inside the image,
/// `all[j]` the lanes of chunk j that are output columns at all.
__attribute__((target("avx512f"))) static inline void column_masks(int64_t ow, int64_t lower, int64_t upper,
                                                                   __mmask16 *inside, __mmask16 *all) {
    for (int64_t j = 0; j * 16 < ow; j++) {
        int64_t start = j * 16;
        int64_t lo = lower > start ? lower - start : 0;
        int64_t hi = upper - start < 16 ? upper - start : 16;
        inside[j] = hi > lo ? (__mmask16)(lanes(hi) & ~lanes(lo)) : 0;
        all[j] = lanes(ow - start);
    }
}

/// The output rows `[*y0, *y1)` whose input row `y * sy - py + ky * dy` lies inside the image.
static inline void inside_rows(int64_t h, int64_t oh, int64_t sy, int64_t py, int64_t dy, int64_t ky,
                               int64_t *y0, int64_t *y1) {
    int64_t shift = py - ky * dy;  // iy = y * sy - shift
    int64_t lo = shift > 0 ? (shift + sy - 1) / sy : 0;
    int64_t end = h + shift;
    int64_t hi = end <= 0 ? 0 : (end + sy - 1) / sy;
    if (hi > oh) hi = oh;
    if (lo > oh) lo = oh;
    if (hi < lo) hi = lo;
    *y0 = lo;
    *y1 = hi;
}

/// im2col at stride 1 and dilation 1 along the width for output rows of at most 64: one line is
/// a masked load of its input row (zeros where it reads padding) and a masked store per 16
/// columns, with the masks found once per kernel column.
__attribute__((target("avx512f")))
static void im2col_rows_avx512(const float *image, float *cols, int64_t channels, int64_t h, int64_t w, int64_t kh,
                               int64_t kw, int64_t oh, int64_t ow, int64_t sy, int64_t py, int64_t px,
                               int64_t dy) {
    int64_t chunks = (ow + 15) / 16;
    float *line = cols;
    for (int64_t c = 0; c < channels; c++) {
        for (int64_t ky = 0; ky < kh; ky++) {
            int64_t y0, y1;
            inside_rows(h, oh, sy, py, dy, ky, &y0, &y1);
            for (int64_t kx = 0; kx < kw; kx++) {
                int64_t lower, upper, first;
                inside_columns(w, ow, 1, px, 1, kx, &lower, &upper, &first);
                __mmask16 inside[NNK_MAX_CHUNKS], all[NNK_MAX_CHUNKS];
                column_masks(ow, lower, upper, inside, all);
                int64_t y = 0;
                for (; y < y0; y++, line += ow) {
                    for (int64_t j = 0; j < chunks; j++) _mm512_mask_storeu_ps(line + 16 * j, all[j], _mm512_setzero_ps());
                }
                // The input under output column 0 of row y (outside the image where x < lower,
                // never read: those lanes are masked).
                const float *source = image + c * h * w + (y0 * sy - py + ky * dy) * w + (first - lower);
                for (; y < y1; y++, line += ow, source += sy * w) {
                    for (int64_t j = 0; j < chunks; j++) {
                        __m512 v = _mm512_maskz_loadu_ps(inside[j], source + 16 * j);
                        _mm512_mask_storeu_ps(line + 16 * j, all[j], v);
                    }
                }
                for (; y < oh; y++, line += ow) {
                    for (int64_t j = 0; j < chunks; j++) _mm512_mask_storeu_ps(line + 16 * j, all[j], _mm512_setzero_ps());
                }
            }
        }
    }
}

/// The most kernel columns `col2im_rows_avx512` takes.
#define NNK_MAX_KERNEL_WIDTH 16

/// col2im at stride 1 and dilation 1 along the width, for input rows of at most 64 and kernels
/// of at most 16 columns: each input row that a kernel row reaches is loaded once, the lines of
/// every kernel column added to it in registers (each line shifted by its column, masked where
/// it has no output column), and stored once.
///
/// Each input element receives its terms in the order of the line-by-line loop (kernel row,
/// then kernel column), so it rounds the same; storing once per row also avoids reloading a
/// row right after a masked store to it overlapped the load, which the CPU cannot forward.
__attribute__((target("avx512f")))
static void col2im_rows_avx512(const float *cols, float *image, int64_t channels, int64_t h, int64_t w, int64_t kh,
                               int64_t kw, int64_t oh, int64_t ow, int64_t sy, int64_t py, int64_t px,
                               int64_t dy) {
    int64_t chunks = (w + 15) / 16;
    // masks[kx][j]: the lanes of input chunk j (columns 16j to 16j + 15) with an output column
    // x = ix + px - kx in [0, ow), which line kx adds.
    __mmask16 masks[NNK_MAX_KERNEL_WIDTH][NNK_MAX_CHUNKS], row_mask[NNK_MAX_CHUNKS];
    for (int64_t j = 0; j < chunks; j++) {
        int64_t start = j * 16;
        row_mask[j] = lanes(w - start);
        for (int64_t kx = 0; kx < kw; kx++) {
            int64_t lo = kx - px - start, hi = ow + kx - px - start;  // lanes l with 0 <= l + start + px - kx < ow
            if (lo < 0) lo = 0;
            if (hi > 16) hi = 16;
            masks[kx][j] = hi > lo ? (__mmask16)(lanes(hi) & ~lanes(lo) & row_mask[j]) : 0;
        }
    }
    for (int64_t c = 0; c < channels; c++) {
        for (int64_t ky = 0; ky < kh; ky++) {
            int64_t y0, y1;
            inside_rows(h, oh, sy, py, dy, ky, &y0, &y1);
            const float *lines = cols + (c * kh + ky) * kw * oh * ow;  // line (kx, y) at lines + (kx * oh + y) * ow
            for (int64_t y = y0; y < y1; y++) {
                float *target = image + c * h * w + (y * sy - py + ky * dy) * w;
                for (int64_t j = 0; j < chunks; j++) {
                    __m512 acc = _mm512_maskz_loadu_ps(row_mask[j], target + 16 * j);
                    for (int64_t kx = 0; kx < kw; kx++) {
                        const float *line = lines + (kx * oh + y) * ow + (16 * j + px - kx);
                        acc = _mm512_add_ps(acc, _mm512_maskz_loadu_ps(masks[kx][j], line));
                    }
                    _mm512_mask_storeu_ps(target + 16 * j, row_mask[j], acc);
                }
            }
        }
    }
}

__attribute__((target("avx512f"), no_builtin("memcpy", "memmove", "memset")))
static void im2col_avx512(const float *image, float *cols, int64_t channels, int64_t h, int64_t w, int64_t kh,
                          int64_t kw, int64_t oh, int64_t ow, int64_t sy, int64_t sx, int64_t py, int64_t px,
                          int64_t dy, int64_t dx) {
    if (sx == 1 && dx == 1 && ow <= 16 * NNK_MAX_CHUNKS) {
        im2col_rows_avx512(image, cols, channels, h, w, kh, kw, oh, ow, sy, py, px, dy);
        return;
    }
    NNK_FOR_EACH_LINE(
        {
            zero_run512(line, lower);
            const float *source = image + input;
            int64_t n = upper - lower;
            if (sx == 1) {
                for (int64_t i = 0; i < n; i += 16) {
                    __mmask16 m = lanes(n - i);
                    _mm512_mask_storeu_ps(line + lower + i, m, _mm512_maskz_loadu_ps(m, source + i));
                }
            } else {
                for (int64_t x = 0; x < n; x++) line[lower + x] = source[x * sx];
            }
            zero_run512(line + upper, ow - upper);
        },
        zero_run512(line, ow))
}

__attribute__((target("avx512f"), no_builtin("memcpy", "memmove", "memset")))
static void col2im_avx512(const float *colsIn, float *image, int64_t channels, int64_t h, int64_t w, int64_t kh,
                          int64_t kw, int64_t oh, int64_t ow, int64_t sy, int64_t sx, int64_t py, int64_t px,
                          int64_t dy, int64_t dx) {
    if (sx == 1 && dx == 1 && w <= 16 * NNK_MAX_CHUNKS && kw <= NNK_MAX_KERNEL_WIDTH) {
        col2im_rows_avx512(colsIn, image, channels, h, w, kh, kw, oh, ow, sy, py, px, dy);
        return;
    }
    float *cols = (float *)colsIn;
    NNK_FOR_EACH_LINE(
        {
            float *target = image + input;
            const float *run = line + lower;
            int64_t n = upper - lower;
            if (sx == 1) {
                for (int64_t i = 0; i < n; i += 16) {
                    __mmask16 m = lanes(n - i);
                    __m512 sum = _mm512_add_ps(_mm512_maskz_loadu_ps(m, target + i), _mm512_maskz_loadu_ps(m, run + i));
                    _mm512_mask_storeu_ps(target + i, m, sum);
                }
            } else {
                for (int64_t x = 0; x < n; x++) target[x * sx] += run[x];
            }
        },
        (void)line)
}
#endif

#undef NNK_FOR_EACH_LINE

typedef void (*nnk_fold_kernel)(const float *, float *, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t,
                                int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t);
static nnk_fold_kernel im2col_kernel = im2col_baseline;
static nnk_fold_kernel col2im_kernel = col2im_baseline;

__attribute__((constructor))
static void nnk_choose_im2col_kernels(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        im2col_kernel = im2col_avx512;
        col2im_kernel = col2im_avx512;
    }
#endif
}

void nnk_im2col(const float *image, float *cols, int64_t channels, int64_t h, int64_t w, int64_t kh, int64_t kw,
                int64_t oh, int64_t ow, int64_t sy, int64_t sx, int64_t py, int64_t px, int64_t dy, int64_t dx) {
    im2col_kernel(image, cols, channels, h, w, kh, kw, oh, ow, sy, sx, py, px, dy, dx);
}

void nnk_col2im(const float *cols, float *image, int64_t channels, int64_t h, int64_t w, int64_t kh, int64_t kw,
                int64_t oh, int64_t ow, int64_t sy, int64_t sx, int64_t py, int64_t px, int64_t dy, int64_t dx) {
    col2im_kernel(cols, image, channels, h, w, kh, kw, oh, ow, sy, sx, py, px, dy, dx);
}
