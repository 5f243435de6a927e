// libpng (Debian: libpng-dev).
#ifndef NNDASH_CPNG_SHIM_H
#define NNDASH_CPNG_SHIM_H
#include <png.h>
#endif
