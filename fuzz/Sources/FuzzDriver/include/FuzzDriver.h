#ifndef NNDASH_FUZZ_DRIVER_H
#define NNDASH_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver (its command line: corpus folders, -max_total_time=N, ...) on
/// `test_one_input`, which gets each input and returns 0.
int nndash_fuzz(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
