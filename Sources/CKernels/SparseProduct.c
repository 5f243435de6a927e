// gᵀ @ x for a gradient g with many zeros (a ReLU layer's, zero wherever the unit was off): a
// layer's weight gradient in about as many multiply-adds as g has nonzero entries.
//
// Each output row j is the sum over the batch rows r with g[r][j] != 0 of g[r][j] * x[r], in
// increasing r, one fused multiply-add per term from zero: the sum OpenBLAS's kernels for small
// products compute over every r, since a zero term leaves a finite sum as it is. An input with
// an infinity or NaN (where 0 * x is NaN) goes back to the caller's dense product.

#include "CKernels.h"

#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>

/// The most vectors of 16 columns one pass keeps in registers: 7 x 16 columns of a 64-row batch
/// (28 KB) stay in a 32 KB first-level cache while every output row reads them.
enum { block_vectors = 7 };

/// out[0..<16 nv] = sum over the terms t of value[t] * x[row[t]][0..<16 nv], for nv known when inlined.
__attribute__((target("avx512f"), always_inline)) static inline void sparse_block(
    const float *x, size_t n, const int32_t *row, const float *value, int32_t terms, float *out, int nv) {
    __m512 acc[block_vectors];
    for (int i = 0; i < nv; i++) acc[i] = _mm512_setzero_ps();
    for (int32_t t = 0; t < terms; t++) {
        const float *xr = x + (size_t)row[t] * n;
        __m512 v = _mm512_set1_ps(value[t]);
        for (int i = 0; i < nv; i++) acc[i] = _mm512_fmadd_ps(v, _mm512_loadu_ps(xr + 16 * i), acc[i]);
    }
    for (int i = 0; i < nv; i++) _mm512_storeu_ps(out + 16 * i, acc[i]);
}

/// The last columns of fewer than 16, under `mask`.
__attribute__((target("avx512f"))) static void sparse_edge(const float *x, size_t n, const int32_t *row,
                                                            const float *value, int32_t terms, float *out,
                                                            __mmask16 mask) {
    __m512 acc = _mm512_setzero_ps();
    for (int32_t t = 0; t < terms; t++) {
        __m512 xs = _mm512_maskz_loadu_ps(mask, x + (size_t)row[t] * n);
        acc = _mm512_fmadd_ps(_mm512_set1_ps(value[t]), xs, acc);
    }
    _mm512_mask_storeu_ps(out, mask, acc);
}

/// True when every one of the `count` values is finite.
__attribute__((target("avx512f"))) static int all_finite(const float *x, size_t count) {
    const __m512 infinity = _mm512_set1_ps(__builtin_inff());
    __mmask16 bad = 0;
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        __m512 a = _mm512_abs_ps(_mm512_loadu_ps(x + i));
        bad |= _mm512_cmp_ps_mask(a, infinity, _CMP_NLT_UQ);  // |x| >= inf, or NaN
    }
    if (i < count) {
        __mmask16 tail = (__mmask16)((1u << (count - i)) - 1);
        __m512 a = _mm512_abs_ps(_mm512_maskz_loadu_ps(tail, x + i));
        bad |= _mm512_mask_cmp_ps_mask(tail, a, infinity, _CMP_NLT_UQ);
    }
    return bad == 0;
}

/// Lists, for each column j of g (rows x m), the rows r with g[r][j] != 0 in increasing order and
/// their values (at j * rows in `row` and `value`); returns the number of terms in all.
__attribute__((target("avx512f"))) static size_t list_terms(const float *g, size_t rows, size_t m, int32_t *row,
                                                           float *value, int32_t *terms) {
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512i stride = _mm512_mullo_epi32(lane, _mm512_set1_epi32((int32_t)m));
    size_t total = 0;
    for (size_t j = 0; j < m; j++) {
        int32_t count = 0;
        int32_t *rj = row + j * rows;
        float *vj = value + j * rows;
        for (size_t r0 = 0; r0 < rows; r0 += 16) {
            __mmask16 valid = rows - r0 >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (rows - r0)) - 1);
            __m512 v = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), valid, stride, g + r0 * m + j, 4);
            __mmask16 nonzero = _mm512_mask_cmp_ps_mask(valid, v, _mm512_setzero_ps(), _CMP_NEQ_UQ);
            // Compressed in registers and stored whole: the lanes past the count are overwritten
            // by the next block or never read, and stay inside the column's `rows` entries.
            __m512i r = _mm512_add_epi32(lane, _mm512_set1_epi32((int32_t)r0));
            __m512 packed = _mm512_maskz_compress_ps(nonzero, v);
            __m512i packedRows = _mm512_maskz_compress_epi32(nonzero, r);
            int added = __builtin_popcount(nonzero);
            if (rows - r0 >= 16) {
                _mm512_storeu_ps(vj + count, packed);
                _mm512_storeu_si512(rj + count, packedRows);
            } else {
                __mmask16 used = (__mmask16)((1u << added) - 1);
                _mm512_mask_storeu_ps(vj + count, used, packed);
                _mm512_mask_storeu_epi32(rj + count, used, packedRows);
            }
            count += added;
        }
        terms[j] = count;
        total += (size_t)count;
    }
    return total;
}

/// The columns [c0, c0 + width) of every output row, width < 16.
__attribute__((target("avx512f"))) static void sparse_edges(const float *x, size_t n, const int32_t *row,
                                                             const float *value, const int32_t *terms, size_t rows,
                                                             size_t m, float *out, size_t c0, size_t width) {
    __mmask16 mask = (__mmask16)((1u << width) - 1);
    for (size_t j = 0; j < m; j++) {
        sparse_edge(x + c0, n, row + j * rows, value + j * rows, terms[j], out + j * n + c0, mask);
    }
}

/// The columns from c0 to n of every output row: blocks of `block_vectors` vectors, then a
/// narrower block, then the last columns under a mask.
__attribute__((target("avx512f"))) static void sparse_columns(const float *x, size_t n, const int32_t *row,
                                                               const float *value, const int32_t *terms,
                                                               size_t rows, size_t m, float *out, size_t c0) {
    for (; c0 + 16 * block_vectors <= n; c0 += 16 * block_vectors) {
        for (size_t j = 0; j < m; j++) {
            sparse_block(x + c0, n, row + j * rows, value + j * rows, terms[j], out + j * n + c0, block_vectors);
        }
    }
    int rest = (int)((n - c0) / 16);
    for (size_t j = 0; j < m && rest > 0; j++) {
        const int32_t *rj = row + j * rows;
        const float *vj = value + j * rows;
        float *o = out + j * n + c0;
        switch (rest) {  // each width unrolled on its own
        case 1: sparse_block(x + c0, n, rj, vj, terms[j], o, 1); break;
        case 2: sparse_block(x + c0, n, rj, vj, terms[j], o, 2); break;
        case 3: sparse_block(x + c0, n, rj, vj, terms[j], o, 3); break;
        case 4: sparse_block(x + c0, n, rj, vj, terms[j], o, 4); break;
        case 5: sparse_block(x + c0, n, rj, vj, terms[j], o, 5); break;
        default: sparse_block(x + c0, n, rj, vj, terms[j], o, 6); break;
        }
    }
    c0 += 16 * (size_t)rest;
    if (c0 < n) sparse_edges(x, n, row, value, terms, rows, m, out, c0, n - c0);
}

__attribute__((target("avx512f"))) static int sparse_tn_avx512(const float *g, const float *x, float *out,
                                                               size_t rows, size_t m, size_t n, double most) {
    if ((rows + 16) * m > (size_t)INT32_MAX || !all_finite(x, rows * n)) return 0;
    int32_t *row = malloc(rows * m * sizeof(int32_t) + 64);
    float *value = malloc(rows * m * sizeof(float) + 64);
    int32_t *terms = malloc(m * sizeof(int32_t));
    int done = 0;
    if (row && value && terms && (double)list_terms(g, rows, m, row, value, terms) <= most * (double)(rows * m)) {
        // The first columns up to a 64-byte boundary of x apart, so that the blocks' loads are
        // aligned (on every row when n is a multiple of 16): a load across two cache lines costs
        // about half again as much in all.
        size_t head = ((64 - ((uintptr_t)x & 63)) & 63) / sizeof(float);
        if (head > n) head = n;
        if (head > 0) sparse_edges(x, n, row, value, terms, rows, m, out, 0, head);
        sparse_columns(x, n, row, value, terms, rows, m, out, head);
        done = 1;
    }
    free(row);
    free(value);
    free(terms);
    return done;
}
#endif

int nnk_sparse_tn_product(const float *g, const float *x, float *out, size_t rows, size_t m, size_t n,
                          double most) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (rows > 0 && m > 0 && n > 0 && __builtin_cpu_supports("avx512f")) {
        return sparse_tn_avx512(g, x, out, rows, m, n, most);
    }
#endif
    (void)g, (void)x, (void)out, (void)rows, (void)m, (void)n, (void)most;
    return 0;
}
