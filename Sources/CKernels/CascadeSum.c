#include "CKernels.h"

// A float32 sum in the order PyTorch's CPU kernel adds a contiguous run of float32 values, so
// that it rounds, and overflows, as PyTorch does.
//
// The values are read as 8-wide vectors (PyTorch's AVX2 width, which it also uses on AVX-512
// machines for sums), four vectors at a time into four accumulators. Those accumulators are
// summed in a cascade of four levels (chunks of 16 or more items per level), so only partial
// sums of a similar size are added. A sum whose partial sums reach both +inf and -inf is NaN,
// as in PyTorch, where a double-precision sum would still be finite. This is the order of one
// thread: PyTorch splits sums of more than 32768 values between threads.
//
// Every lane is a float added on its own, in C as in PyTorch's vectors: the compiler may put
// lanes side by side in a vector, never reorder the additions of one lane.
#pragma clang fp contract(off)

enum { levels = 4, columns = 4, lanes = 8 };

/// ceil(log2(x)), and 1 for x <= 2.
static int ceil_log2(size_t x) { return x <= 2 ? 1 : 64 - __builtin_clzll((unsigned long long)(x - 1)); }

/// out[k] += in[k] for the `width` lanes of one accumulator.
static inline __attribute__((always_inline)) void add(float *out, const float *in, int width) {
    for (int l = 0; l < width; l++) out[l] += in[l];
}

/// Four column sums (each `width` lanes wide) over `count` rows, row i column k being the
/// `width` values at base + (4 i + k) width, accumulated in four levels: every `step` rows the
/// lowest level is carried into the next, and so on up. The result is in out[0..<4 width].
static inline __attribute__((always_inline)) void cascade(const float *base, size_t count, int width,
                                                          float out[columns * lanes]) {
    int power = ceil_log2(count) / levels;
    if (power < 4) power = 4;
    const size_t step = (size_t)1 << power, mask = step - 1;
    float acc[levels][columns * lanes] = {{0}};
    size_t i = 0;
    while (i + step <= count) {
        for (size_t s = 0; s < step; s++, i++) {
            for (int k = 0; k < columns; k++) add(acc[0] + k * width, base + (4 * i + k) * width, width);
        }
        for (int j = 1; j < levels; j++) {
            add(acc[j], acc[j - 1], columns * width);
            for (int l = 0; l < columns * width; l++) acc[j - 1][l] = 0;
            if (i & (mask << (j * power))) break;
        }
    }
    for (; i < count; i++) {
        for (int k = 0; k < columns; k++) add(acc[0] + k * width, base + (4 * i + k) * width, width);
    }
    for (int j = 1; j < levels; j++) add(acc[0], acc[j], columns * width);
    for (int l = 0; l < columns * width; l++) out[l] = acc[0][l];
}

float nnk_cascade_sum(const float *x, size_t n) {
    float partial[columns * lanes];
    if (n < lanes) {
        // Short runs are summed one value at a time, four columns at once.
        cascade(x, n / 4, 1, partial);
        for (size_t i = n / 4 * 4; i < n; i++) partial[0] += x[i];
        return partial[0] + partial[1] + partial[2] + partial[3];
    }
    const size_t vectors = n / lanes;
    cascade(x, vectors / 4, lanes, partial);
    for (size_t v = vectors / 4 * 4; v < vectors; v++) add(partial, x + v * lanes, lanes);
    for (int k = 1; k < columns; k++) add(partial, partial + k * lanes, lanes);
    float total = 0;
    for (size_t i = vectors * lanes; i < n; i++) total += x[i];
    for (int l = 0; l < lanes; l++) total += partial[l];
    return total;
}
