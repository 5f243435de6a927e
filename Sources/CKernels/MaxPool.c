#include "CKernels.h"

// Max pooling without a branch per element: on random data the comparisons mispredict about
// half the time, which costs more than the comparisons.

/// Takes `v` at index `i` as the window's maximum when it is larger or NaN (NaN wins, the first
/// of equal values stays).
#define NNK_TAKE(v, i)                                  \
    do {                                                \
        float v_ = (v);                                 \
        int wins_ = (v_ > value) | (v_ != v_);          \
        value = wins_ ? v_ : value;                     \
        best = wins_ ? (i) : best;                      \
    } while (0)

/// The most frequent pooling, 2x2 windows at stride 2 without padding, in a loop the compiler
/// vectorizes.
static void nnk_max_pool2x2(const float *src, float *out, int64_t *argmax, int64_t planes,
                            int64_t h, int64_t w, int64_t oh, int64_t ow) {
    for (int64_t plane = 0; plane < planes; plane++) {
        for (int64_t y = 0; y < oh; y++) {
            int64_t start = plane * h * w + 2 * y * w;
            const float *r0 = src + start, *r1 = r0 + w;
            float *o = out + (plane * oh + y) * ow;
            int64_t *a = argmax + (plane * oh + y) * ow;
            for (int64_t x = 0; x < ow; x++) {
                float value = r0[2 * x];
                int64_t best = start + 2 * x;
                NNK_TAKE(r0[2 * x + 1], start + 2 * x + 1);
                NNK_TAKE(r1[2 * x], start + w + 2 * x);
                NNK_TAKE(r1[2 * x + 1], start + w + 2 * x + 1);
                o[x] = value;
                a[x] = best;
            }
        }
    }
}

/// The first index at or after `start` of the sequence start, start + step, ... that is not negative.
static inline int64_t nnk_first_inside(int64_t start, int64_t step) {
    return start >= 0 ? start : start + (-start + step - 1) / step * step;
}

void nnk_max_pool2d(const float *src, float *out, int64_t *argmax, int64_t planes,
                    int64_t h, int64_t w, int64_t oh, int64_t ow, int64_t kh, int64_t kw,
                    int64_t sy, int64_t sx, int64_t py, int64_t px, int64_t dy, int64_t dx) {
    if (kh == 2 && kw == 2 && sy == 2 && sx == 2 && py == 0 && px == 0 && dy == 1 && dx == 1) {
        // Without ceil mode every window lies inside (2 * oh <= h); with it the last may not.
        if (2 * oh <= h && 2 * ow <= w) {
            nnk_max_pool2x2(src, out, argmax, planes, h, w, oh, ow);
            return;
        }
    }
    for (int64_t plane = 0; plane < planes; plane++) {
        const float *p = src + plane * h * w;
        for (int64_t y = 0; y < oh; y++) {
            int64_t y0 = nnk_first_inside(y * sy - py, dy);
            int64_t y1 = y * sy - py + (kh - 1) * dy + 1;
            if (y1 > h) y1 = h;
            for (int64_t xo = 0; xo < ow; xo++) {
                int64_t x0 = nnk_first_inside(xo * sx - px, dx);
                int64_t x1 = xo * sx - px + (kw - 1) * dx + 1;
                if (x1 > w) x1 = w;
                int64_t best = y0 * w + x0;
                float value = -__builtin_inff();
                for (int64_t iy = y0; iy < y1; iy += dy) {
                    for (int64_t ix = x0; ix < x1; ix += dx) NNK_TAKE(p[iy * w + ix], iy * w + ix);
                }
                int64_t o = (plane * oh + y) * ow + xo;
                out[o] = value;
                argmax[o] = plane * h * w + best;
            }
        }
    }
}
