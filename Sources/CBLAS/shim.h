// OpenBLAS's CBLAS interface (Debian: libopenblas-dev).
#ifndef NNDASH_CBLAS_SHIM_H
#define NNDASH_CBLAS_SHIM_H
#include <cblas.h>
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif
