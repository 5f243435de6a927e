// Makes OpenBLAS run on the calling thread alone, with the fastest kernels the CPU can run,
// before the program starts.
//
// OpenBLAS starts worker threads when it loads, which spin on the other cores for a while
// after start and after each product; the engine's products are small and want one thread.
//
// OpenBLAS picks its kernels by the CPU's model number when it loads. A model newer than the
// library (Debian 12's 0.3.21 on a 2023 Xeon) gets its generic SSE3 kernels ("Prescott"),
// several times slower than the AVX2 or AVX-512 ones the CPU has; OpenBLAS then chooses again
// as `OPENBLAS_CORETYPE` would make it, by the CPU's features. A value the user set for that
// variable is left as it is; builds that do not choose their kernels at run time (without
// DYNAMIC_ARCH) lack the entry points and are left alone.
//
// The constructor runs after OpenBLAS's own and before main, so before any other thread
// exists to read the environment it sets. Every entry point is looked up, so a program
// without OpenBLAS runs it harmlessly.

#include "CKernels.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

/// Sets one thread and stops the workers (setting the count alone would start them again).
static void nnk_stop_blas_threads(void) {
    void (*set_threads)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    int (*shutdown)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "blas_thread_shutdown_");
    if (set_threads) set_threads(1);
    if (shutdown) shutdown();
}

/// Re-initializes OpenBLAS with the kernels of the CPU's features when it chose its generic ones.
static void nnk_choose_blas_kernels(void) {
#if defined(__x86_64__)
    if (getenv("OPENBLAS_CORETYPE")) return;
    char *(*corename)(void) = (char *(*)(void))dlsym(RTLD_DEFAULT, "openblas_get_corename");
    void (*quit)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_quit");
    void (*init)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_init");
    if (!corename || !quit || !init) return;
    const char *name = corename();
    if (!name || strcmp(name, "Prescott") != 0) return;
    __builtin_cpu_init();
    const char *core;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl")) {
        core = "SKYLAKEX";
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        core = "HASWELL";
    } else {
        return;
    }
    setenv("OPENBLAS_CORETYPE", core, 1);
    quit();
    init();
#endif
}

__attribute__((constructor))
static void nnk_prepare_blas(void) {
    nnk_choose_blas_kernels();
    nnk_stop_blas_threads();
}

int nnk_cpu_is_amd(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_is("amd") ? 1 : 0;
#else
    return 0;
#endif
}
