#include "CKernels.h"

#include <math.h>

// The inner loops of the engine's generator (`Generator`, the 32-bit Mersenne Twister as PyTorch's
// CPU generator): its state's twist, its 24-bit uniform floats, and the Box-Muller transform of
// PyTorch's float `normal_`. Each rounds as PyTorch's code does: float arithmetic, every
// product and sum rounded on its own but a normal's scaling by std and shift by mean, one fused
// multiply-add as in PyTorch's vectorized `normal_`.
#pragma clang fp contract(off)

enum { words = NNK_MT_WORDS, shift = 397 };

void nnk_mt_seed(uint32_t *state, uint64_t seed) {
    state[0] = (uint32_t)seed;
    for (uint32_t i = 1; i < words; i++) state[i] = 1812433253u * (state[i - 1] ^ (state[i - 1] >> 30)) + i;
}

/// The next 624 state words in place of the last.
static void twist(uint32_t *state) {
    for (int i = 0; i < words; i++) {
        uint32_t y = (state[i] & 0x80000000u) | (state[(i + 1) % words] & 0x7FFFFFFFu);
        uint32_t next = state[(i + shift) % words] ^ (y >> 1);
        if (y & 1) next ^= 0x9908B0DFu;
        state[i] = next;
    }
}

/// The output of a state word.
static inline uint32_t tempered(uint32_t y) {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9D2C5680u;
    y ^= (y << 15) & 0xEFC60000u;
    y ^= y >> 18;
    return y;
}

uint32_t nnk_mt_next(uint32_t *state, size_t *index) {
    if (*index >= words) {
        twist(state);
        *index = 0;
    }
    return tempered(state[(*index)++]);
}

size_t nnk_mt_fill_uniform(uint32_t *state, size_t index, float *out, size_t n) {
    for (size_t k = 0; k < n; k++) {
        if (index >= words) {
            twist(state);
            index = 0;
        }
        out[k] = (float)(tempered(state[index++]) & ((1u << 24) - 1)) * (1.0f / (float)(1u << 24));
    }
    return index;
}

/// 2π is the float nearest it, as in PyTorch's vectorized `normal_` (Swift's `Float.pi` is π
/// rounded toward zero, which moved some draws 50 units in the last place from PyTorch's).
void nnk_box_muller16(float *values, float mean, float std) {
    for (int j = 0; j < 8; j++) {
        float u1 = 1 - values[j], u2 = values[j + 8];
        float radius = sqrtf(-2 * logf(u1));
        float theta = 2 * (float)M_PI * u2;
        values[j] = fmaf(radius * cosf(theta), std, mean);
        values[j + 8] = fmaf(radius * sinf(theta), std, mean);
    }
}
