// libjpeg-turbo's libjpeg API (Debian: libjpeg62-turbo-dev).
#ifndef NNDASH_CJPEG_SHIM_H
#define NNDASH_CJPEG_SHIM_H
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
#endif
