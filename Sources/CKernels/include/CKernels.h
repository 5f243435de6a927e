// The engine's hand-written float32 kernels in C, compiled for each instruction set they can
// use (AVX-512, AVX2 with FMA, baseline x86-64) and chosen when the program loads.
#ifndef NNDASH_CKERNELS_H
#define NNDASH_CKERNELS_H

#include <stddef.h>

/// y[i] = tanh(x[i]) for i < n, within 2e-7 relative error; NaN stays NaN.
void nnk_tanh(const float *x, float *y, size_t n);

#endif
