// gᵀ @ x for a gradient g with many zeros (a ReLU layer's, zero wherever the unit was off): a
// layer's weight gradient in about as many multiply-adds as g has nonzero entries.
//
// The outputs go in pairs (j, j + 1), which share the loads of x: each sums g[r][j] * x[r] over
// the rows r where both columns of g are nonzero, then over those where only its own is, each
// part in increasing r, one fused multiply-add per term from zero. A zero term would leave a
// finite sum as it is, so the values are those of the whole sum in another order (float32
// rounding apart). An input with an infinity or NaN (where 0 * x is NaN) goes back to the
// caller's dense product.

#include "CKernels.h"

#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>

/// The most vectors of 16 columns one pass keeps in registers (two accumulators each): 7 x 16
/// columns of a 64-row batch (28 KB) stay in a 32 KB first-level cache while every pair reads them.
enum { block_vectors = 7 };

/// The terms of each pair of outputs (j, j + 1), `rows` entries per pair in each list: the rows
/// where both columns of g are nonzero (`both`, with the two values), where only the first is
/// (`first`) and where only the second is (`second`), each in increasing row.
typedef struct {
    int32_t *both_row, *first_row, *second_row;
    float *both_first, *both_second, *first_value, *second_value;
    int32_t *both_count, *first_count, *second_count;
} pair_terms;

/// out1 and out2 (nullable) [0..<16 nv] for pair p; `edge` loads and stores under `mask` (nv 1).
__attribute__((target("avx512f"), always_inline)) static inline void pair_block(
    const float *x, size_t n, const pair_terms *l, size_t p, size_t rows, float *out1, float *out2, int nv,
    int edge, __mmask16 mask) {
    __m512 a1[block_vectors], a2[block_vectors];
    for (int i = 0; i < nv; i++) a1[i] = a2[i] = _mm512_setzero_ps();
#define NNK_LOAD(address) (edge ? _mm512_maskz_loadu_ps(mask, address) : _mm512_loadu_ps(address))
    const size_t base = p * rows;
    for (int32_t t = 0; t < l->both_count[p]; t++) {
        const float *xr = x + (size_t)l->both_row[base + t] * n;
        __m512 v1 = _mm512_set1_ps(l->both_first[base + t]), v2 = _mm512_set1_ps(l->both_second[base + t]);
        for (int i = 0; i < nv; i++) {
            __m512 xs = NNK_LOAD(xr + 16 * i);
            a1[i] = _mm512_fmadd_ps(v1, xs, a1[i]);
            a2[i] = _mm512_fmadd_ps(v2, xs, a2[i]);
        }
    }
    for (int32_t t = 0; t < l->first_count[p]; t++) {
        const float *xr = x + (size_t)l->first_row[base + t] * n;
        __m512 v = _mm512_set1_ps(l->first_value[base + t]);
        for (int i = 0; i < nv; i++) a1[i] = _mm512_fmadd_ps(v, NNK_LOAD(xr + 16 * i), a1[i]);
    }
    for (int32_t t = 0; t < l->second_count[p]; t++) {
        const float *xr = x + (size_t)l->second_row[base + t] * n;
        __m512 v = _mm512_set1_ps(l->second_value[base + t]);
        for (int i = 0; i < nv; i++) a2[i] = _mm512_fmadd_ps(v, NNK_LOAD(xr + 16 * i), a2[i]);
    }
#undef NNK_LOAD
    for (int i = 0; i < nv; i++) {
        if (edge) {
            _mm512_mask_storeu_ps(out1 + 16 * i, mask, a1[i]);
            if (out2) _mm512_mask_storeu_ps(out2 + 16 * i, mask, a2[i]);
        } else {
            _mm512_storeu_ps(out1 + 16 * i, a1[i]);
            if (out2) _mm512_storeu_ps(out2 + 16 * i, a2[i]);
        }
    }
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

/// Stores the lanes of `v` (and `r`) under `keep`, compressed, at `count` in a list of `rows`
/// entries; returns the new count. Whole vectors are stored while 16 lanes fit before the list's
/// end (the lanes past the count are overwritten later or never read).
__attribute__((target("avx512f"), always_inline)) static inline int32_t append(
    float *values, float *values2, int32_t *rowList, int32_t count, __mmask16 keep, __m512 v, __m512 v2, __m512i r,
    int whole) {
    __m512 packed = _mm512_maskz_compress_ps(keep, v);
    __m512i packedRows = _mm512_maskz_compress_epi32(keep, r);
    int added = __builtin_popcount(keep);
    if (whole) {
        _mm512_storeu_ps(values + count, packed);
        if (values2) _mm512_storeu_ps(values2 + count, _mm512_maskz_compress_ps(keep, v2));
        _mm512_storeu_si512(rowList + count, packedRows);
    } else {
        __mmask16 used = (__mmask16)((1u << added) - 1);
        _mm512_mask_storeu_ps(values + count, used, packed);
        if (values2) _mm512_mask_storeu_ps(values2 + count, used, _mm512_maskz_compress_ps(keep, v2));
        _mm512_mask_storeu_epi32(rowList + count, used, packedRows);
    }
    return count + added;
}

/// Fills `l` from g (rows x m), column pairs gathered 16 rows at a time; returns the number of
/// nonzero entries of g.
__attribute__((target("avx512f"))) static size_t list_terms(const float *g, size_t rows, size_t m, pair_terms *l) {
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512i stride = _mm512_mullo_epi32(lane, _mm512_set1_epi32((int32_t)m));
    const __m512 zero = _mm512_setzero_ps();
    size_t total = 0;
    for (size_t p = 0; p < (m + 1) / 2; p++) {
        size_t j = 2 * p, base = p * rows;
        int32_t both = 0, first = 0, second = 0;
        for (size_t r0 = 0; r0 < rows; r0 += 16) {
            int whole = rows - r0 >= 16;
            __mmask16 valid = whole ? (__mmask16)0xFFFF : (__mmask16)((1u << (rows - r0)) - 1);
            __mmask16 valid2 = j + 1 < m ? valid : 0;
            __m512 v1 = _mm512_mask_i32gather_ps(zero, valid, stride, g + r0 * m + j, 4);
            __m512 v2 = _mm512_mask_i32gather_ps(zero, valid2, stride, g + r0 * m + j + 1, 4);
            __mmask16 m1 = _mm512_mask_cmp_ps_mask(valid, v1, zero, _CMP_NEQ_UQ);
            __mmask16 m2 = _mm512_mask_cmp_ps_mask(valid2, v2, zero, _CMP_NEQ_UQ);
            __m512i r = _mm512_add_epi32(lane, _mm512_set1_epi32((int32_t)r0));
            both = append(l->both_first + base, l->both_second + base, l->both_row + base, both, m1 & m2, v1, v2, r,
                          whole);
            first = append(l->first_value + base, NULL, l->first_row + base, first, m1 & ~m2, v1, zero, r, whole);
            second = append(l->second_value + base, NULL, l->second_row + base, second, m2 & ~m1, v2, zero, r, whole);
        }
        l->both_count[p] = both;
        l->first_count[p] = first;
        l->second_count[p] = second;
        total += (size_t)(2 * both + first + second);
    }
    return total;
}

/// The columns [c0, c0 + width) of every output row, width < 16.
__attribute__((target("avx512f"))) static void pair_edges(const float *x, size_t n, const pair_terms *l, size_t rows,
                                                           size_t m, float *out, size_t c0, size_t width) {
    __mmask16 mask = (__mmask16)((1u << width) - 1);
    for (size_t p = 0; p < (m + 1) / 2; p++) {
        float *o1 = out + 2 * p * n + c0;
        pair_block(x + c0, n, l, p, rows, o1, 2 * p + 1 < m ? o1 + n : NULL, 1, 1, mask);
    }
}

/// The columns from c0 to n of every output row: blocks of `block_vectors` vectors, then a
/// narrower block, then the last columns under a mask.
__attribute__((target("avx512f"))) static void pair_columns(const float *x, size_t n, const pair_terms *l,
                                                             size_t rows, size_t m, float *out, size_t c0) {
    const size_t pairs = (m + 1) / 2;
    for (; c0 + 16 * block_vectors <= n; c0 += 16 * block_vectors) {
        for (size_t p = 0; p < pairs; p++) {
            float *o1 = out + 2 * p * n + c0;
            pair_block(x + c0, n, l, p, rows, o1, 2 * p + 1 < m ? o1 + n : NULL, block_vectors, 0, 0xFFFF);
        }
    }
    int rest = (int)((n - c0) / 16);
    for (size_t p = 0; p < pairs && rest > 0; p++) {
        float *o1 = out + 2 * p * n + c0, *o2 = 2 * p + 1 < m ? o1 + n : NULL;
        switch (rest) {  // each width unrolled on its own
        case 1: pair_block(x + c0, n, l, p, rows, o1, o2, 1, 0, 0xFFFF); break;
        case 2: pair_block(x + c0, n, l, p, rows, o1, o2, 2, 0, 0xFFFF); break;
        case 3: pair_block(x + c0, n, l, p, rows, o1, o2, 3, 0, 0xFFFF); break;
        case 4: pair_block(x + c0, n, l, p, rows, o1, o2, 4, 0, 0xFFFF); break;
        case 5: pair_block(x + c0, n, l, p, rows, o1, o2, 5, 0, 0xFFFF); break;
        default: pair_block(x + c0, n, l, p, rows, o1, o2, 6, 0, 0xFFFF); break;
        }
    }
    c0 += 16 * (size_t)rest;
    if (c0 < n) pair_edges(x, n, l, rows, m, out, c0, n - c0);
}

__attribute__((target("avx512f"))) static int sparse_tn_avx512(const float *g, const float *x, float *out,
                                                               size_t rows, size_t m, size_t n, double most) {
    if ((rows + 16) * (m + 1) > (size_t)INT32_MAX || !all_finite(x, rows * n)) return 0;
    const size_t pairs = (m + 1) / 2, entries = pairs * rows + 16;
    // One allocation: three lists of rows, four of values, three counts per pair.
    char *memory = malloc(entries * (3 * sizeof(int32_t) + 4 * sizeof(float)) + 3 * pairs * sizeof(int32_t));
    if (!memory) return 0;
    pair_terms l;
    int32_t *ints = (int32_t *)memory;
    l.both_row = ints, l.first_row = ints + entries, l.second_row = ints + 2 * entries;
    float *floats = (float *)(ints + 3 * entries);
    l.both_first = floats, l.both_second = floats + entries;
    l.first_value = floats + 2 * entries, l.second_value = floats + 3 * entries;
    int32_t *counts = (int32_t *)(floats + 4 * entries);
    l.both_count = counts, l.first_count = counts + pairs, l.second_count = counts + 2 * pairs;
    int done = 0;
    if ((double)list_terms(g, rows, m, &l) <= most * (double)(rows * m)) {
        // The first columns up to a 64-byte boundary of x apart, so that the blocks' loads are
        // aligned (on every row when n is a multiple of 16): a load across two cache lines costs
        // about half again as much in all.
        size_t head = ((64 - ((uintptr_t)x & 63)) & 63) / sizeof(float);
        if (head > n) head = n;
        if (head > 0) pair_edges(x, n, &l, rows, m, out, 0, head);
        pair_columns(x, n, &l, rows, m, out, head);
        done = 1;
    }
    free(memory);
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
