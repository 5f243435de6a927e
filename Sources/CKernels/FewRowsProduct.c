// x @ wᵀ (+ bias) for a batch of a few rows, the product of a layer's forward pass.
//
// OpenBLAS's kernels run well below the core's peak for 16 rows. Here each block of 4 rows by
// 4 outputs keeps its 16 dot products in 16 vector accumulators: per 16 inputs it loads 4
// vectors of x and 4 rows of w for 16 fused multiply-adds, fetching the next block's rows of w
// ahead. A transposing tree of adds then reduces the 16 accumulators to the block's 16 sums.
// Each output is the sum of its 16 lane sums of k / 16 terms, in another order than OpenBLAS's.

#include "CKernels.h"

#include <stddef.h>

#if defined(__x86_64__)
#include <immintrin.h>

/// Lane e of the result sums the lanes of v[4 (e mod 4) + e / 4].
__attribute__((target("avx512f"), always_inline)) static inline __m512 reduce16(const __m512 v[16]) {
    __m512 s[8], t[4], u[2];
    _Pragma("GCC unroll 8") for (int i = 0; i < 8; i++)
        s[i] = _mm512_add_ps(_mm512_shuffle_f32x4(v[2 * i], v[2 * i + 1], 0x44),
                             _mm512_shuffle_f32x4(v[2 * i], v[2 * i + 1], 0xEE));
    _Pragma("GCC unroll 4") for (int i = 0; i < 4; i++)
        t[i] = _mm512_add_ps(_mm512_shuffle_f32x4(s[2 * i], s[2 * i + 1], 0x88),
                             _mm512_shuffle_f32x4(s[2 * i], s[2 * i + 1], 0xDD));
    _Pragma("GCC unroll 2") for (int i = 0; i < 2; i++)
        u[i] = _mm512_add_ps(_mm512_unpacklo_ps(t[2 * i], t[2 * i + 1]), _mm512_unpackhi_ps(t[2 * i], t[2 * i + 1]));
    return _mm512_add_ps(_mm512_shuffle_ps(u[0], u[1], 0x44), _mm512_shuffle_ps(u[0], u[1], 0xEE));
}

/// out[r][c] = x[r] · w[c] (+ bias[c]) for the first `rows` (at most 4) rows and `columns` (at
/// most 4) outputs of a block; out's rows are n apart. With `prefetch`, fetches the next 4 rows of w.
__attribute__((target("avx512f"), always_inline)) static inline void block4x4(
    const float *x, const float *w, const float *bias, float *out, size_t k, size_t n, size_t rows,
    size_t columns, int prefetch) {
    __m512 acc[16];
    _Pragma("GCC unroll 16") for (int i = 0; i < 16; i++) acc[i] = _mm512_setzero_ps();
    for (size_t p = 0; p < k; p += 16) {
        __m512 xv[4], wv[4];
        _Pragma("GCC unroll 4") for (size_t r = 0; r < 4; r++)
            xv[r] = r < rows ? _mm512_loadu_ps(x + r * k + p) : _mm512_setzero_ps();
        _Pragma("GCC unroll 4") for (size_t c = 0; c < 4; c++)
            wv[c] = c < columns ? _mm512_loadu_ps(w + c * k + p) : _mm512_setzero_ps();
        if (prefetch) {
            _Pragma("GCC unroll 4") for (size_t c = 0; c < 4; c++)
                _mm_prefetch((const char *)(w + (4 + c) * k + p), _MM_HINT_T0);
        }
        // Accumulator 4c + r holds row r and output c, so that lane 4r + c of the reduction sums it.
        _Pragma("GCC unroll 4") for (int r = 0; r < 4; r++)
            _Pragma("GCC unroll 4") for (int c = 0; c < 4; c++)
                acc[4 * c + r] = _mm512_fmadd_ps(xv[r], wv[c], acc[4 * c + r]);
    }
    __m512 sums = reduce16(acc);
    __mmask16 valid = (__mmask16)((1u << columns) - 1);
    if (bias) {
        __m512 b = _mm512_maskz_loadu_ps(valid, bias);
        sums = _mm512_add_ps(sums, _mm512_permutexvar_ps(_mm512_set_epi32(3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0), b));
    }
    for (size_t r = 0; r < rows; r++) {
        __m512 row = r == 0 ? sums : _mm512_maskz_compress_ps((__mmask16)(0xFu << (4 * r)), sums);
        _mm512_mask_storeu_ps(out + r * n, valid, row);
    }
}

/// The product in blocks of 4 outputs, each over every block of 4 rows while its rows of w are
/// in the first-level cache; whole blocks fetch the next block's rows of w ahead.
__attribute__((target("avx512f"))) static void few_rows_avx512(const float *x, const float *w, const float *bias,
                                                               float *out, size_t m, size_t n, size_t k) {
    for (size_t j = 0; j < n; j += 4) {
        size_t columns = n - j < 4 ? n - j : 4;
        for (size_t i = 0; i < m; i += 4) {
            size_t rows = m - i < 4 ? m - i : 4;
            const float *b = bias ? bias + j : NULL;
            if (rows == 4 && columns == 4) {
                block4x4(x + i * k, w + j * k, b, out + i * n + j, k, n, 4, 4, 1);
            } else {
                block4x4(x + i * k, w + j * k, b, out + i * n + j, k, n, rows, columns, 0);
            }
        }
    }
}
#endif

int nnk_few_rows_product_takes(size_t m, size_t n, size_t k) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return m > 0 && m <= 16 && n > 0 && k > 0 && k % 16 == 0 && __builtin_cpu_supports("avx512f");
#else
    (void)m, (void)n, (void)k;
    return 0;
#endif
}

int nnk_few_rows_product(const float *x, const float *w, const float *bias, float *out, size_t m, size_t n,
                         size_t k) {
    if (!nnk_few_rows_product_takes(m, n, k)) return 0;
#if defined(__x86_64__)
    few_rows_avx512(x, w, bias, out, m, n, k);
#endif
    return 1;
}
