// Makes OpenBLAS run the fastest kernels the CPU can, before the program starts.
//
// OpenBLAS picks its kernels by the CPU's model number when it loads. A model newer than the
// library (Debian 12's 0.3.21 on a 2023 Xeon) gets its generic SSE3 kernels ("Prescott"),
// several times slower than the AVX2 or AVX-512 ones the CPU has. This constructor, run after
// OpenBLAS's own and before main (so before any other thread exists to read the environment),
// then has OpenBLAS choose again as `OPENBLAS_CORETYPE` would make it, by the CPU's features.
// A value the user set for that variable is left as it is; builds that do not choose their
// kernels at run time (without DYNAMIC_ARCH) lack the entry points and are left alone.

#include "CKernels.h"

#if defined(__x86_64__) && defined(__linux__)
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

const char *_Nullable nnk_blas_core_type(bool avx512, bool avx2_fma) {
    if (avx512) return "SKYLAKEX";
    if (avx2_fma) return "HASWELL";
    return NULL;
}

__attribute__((constructor))
static void nnk_choose_blas_kernels(void) {
    if (getenv("OPENBLAS_CORETYPE")) return;
    char *(*corename)(void) = (char *(*)(void))dlsym(RTLD_DEFAULT, "openblas_get_corename");
    void (*quit)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_quit");
    void (*init)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_init");
    if (!corename || !quit || !init) return;
    const char *name = corename();
    if (!name || strcmp(name, "Prescott") != 0) return;
    __builtin_cpu_init();
    bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
                  __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
                  __builtin_cpu_supports("avx512vl");
    bool avx2_fma = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    const char *core = nnk_blas_core_type(avx512, avx2_fma);
    if (!core) return;
    setenv("OPENBLAS_CORETYPE", core, 1);
    quit();
    init();
}

#else

const char *_Nullable nnk_blas_core_type(bool avx512, bool avx2_fma) {
    (void)avx512;
    (void)avx2_fma;
    return NULL;
}

#endif
